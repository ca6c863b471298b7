package dev.coracle.worker.visibility;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Sends a unary answer, or the gRPC status a failure to make it deserves. */
final class GrpcAnswer {
  private GrpcAnswer() {}

  static <R> void respond(StreamObserver<R> observer, Supplier<R> answer) {
    R value;
    try {
      value = answer.get();
    } catch (InvalidQueryException e) {
      observer.onError(
          Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      observer.onError(
          Status.INTERNAL.withDescription(String.valueOf(e)).withCause(e).asRuntimeException());
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }
}
