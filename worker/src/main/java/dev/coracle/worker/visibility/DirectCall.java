package dev.coracle.worker.visibility;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.BiConsumer;

/**
 * Calls a unary method of a service implementation in this thread, with no channel in between. The
 * test server answers its unary calls before the method returns, which is what makes this simple.
 */
final class DirectCall {
  private DirectCall() {}

  static <Q, R> R call(BiConsumer<Q, StreamObserver<R>> method, Q request) {
    Answer<R> answer = new Answer<>();
    method.accept(request, answer);
    if (answer.error != null) {
      throw Status.fromThrowable(answer.error).asRuntimeException();
    }
    if (answer.value == null) {
      throw new IllegalStateException("the test server did not answer in the calling thread");
    }
    return answer.value;
  }

  private static final class Answer<R> implements StreamObserver<R> {
    private R value;
    private Throwable error;

    @Override
    public void onNext(R value) {
      this.value = value;
    }

    @Override
    public void onError(Throwable error) {
      this.error = error;
    }

    @Override
    public void onCompleted() {}
  }
}
