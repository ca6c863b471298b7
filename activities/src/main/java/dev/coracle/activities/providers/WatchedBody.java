package dev.coracle.activities.providers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A streamed response body whose bytes pass through a {@link StreamEnding} as LangChain4j's parser
 * reads them. Watching the reads rather than the network keeps the order exact: when the parser
 * reaches the end of the body, it has already handled every event before it.
 */
final class WatchedBody<T> implements HttpResponse.BodySubscriber<T> {

  private final HttpResponse.BodySubscriber<T> delegate;
  private final StreamEnding ending;

  private WatchedBody(HttpResponse.BodySubscriber<T> delegate, StreamEnding ending) {
    this.delegate = delegate;
    this.ending = ending;
  }

  /** Watches {@code body} when it is read as a stream, and leaves any other body as it is. */
  static <T> HttpResponse.BodySubscriber<T> of(
      HttpResponse.BodySubscriber<T> body, StreamEnding ending) {
    return ending == null ? body : new WatchedBody<>(body, ending);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<T> getBody() {
    return delegate
        .getBody()
        .thenApply(body -> body instanceof InputStream in ? (T) new Reader(in, ending) : body);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }

  /** Feeds what is read to the watcher, and tells it when the end of the body is read. */
  private static final class Reader extends FilterInputStream {
    private final StreamEnding ending;

    Reader(InputStream in, StreamEnding ending) {
      super(in);
      this.ending = ending;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        ending.bodyEnded();
      } else {
        ending.feed(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        ending.bodyEnded();
      } else {
        ending.feed(buffer, offset, n);
      }
      return n;
    }
  }
}
