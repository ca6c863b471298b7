package dev.coracle.activities.providers;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP client LangChain4j uses, with every response's status and headers handed to the
 * {@link ResponseCapture} of the call that sent the request.
 *
 * <p>The capture sits below LangChain4j's own {@code HttpClient} on purpose: LangChain4j turns a
 * failed response into an {@code HttpException} that keeps only the status and the body, so a
 * decorator of its client would lose the {@code retry-after} and {@code x-ratelimit-*} headers of
 * exactly the responses that matter most, the 429s. Wrapping the body handler sees every response,
 * successful or not, streamed or not, before its body is read.
 */
final class CapturingJdkHttpClient extends HttpClient {

  private final HttpClient delegate;

  private CapturingJdkHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /**
   * A JDK client builder for plain (not streamed) calls whose client captures responses. It builds
   * its client once and returns it again on every build, so the models given one builder share one
   * connection pool (see {@link SharedHttpClients}).
   *
   * <p>The JDK client completes a response on its selector thread and then, by default, hands it to
   * its executor, which wakes the waiting caller: two thread hand-offs per call. Over plain {@code
   * http:} (a local server, which answers in milliseconds or less), a plain call's client runs
   * those steps on the selector thread itself ({@code Runnable::run}), leaving one hand-off, to the
   * caller: its body is read into a byte array, which never blocks. Over TLS the executor stays:
   * the TLS engine's handshake work runs on it, which must not hold up the selector thread, and a
   * cloud call's round trip dwarfs one hand-off.
   */
  static HttpClient.Builder forPlainCalls(String baseUrl) {
    HttpClient.Builder builder = jdkBuilder(baseUrl);
    return new Builder(isPlainHttp(baseUrl) ? builder.executor(Runnable::run) : builder);
  }

  /**
   * A JDK client builder for streamed calls, see {@link #forPlainCalls}. A stream's body is read by
   * LangChain4j from an {@code InputStream}, blocking, on the client's executor: it keeps the JDK's
   * default executor, so the selector thread never blocks.
   */
  static HttpClient.Builder forStreams(String baseUrl) {
    return new Builder(jdkBuilder(baseUrl));
  }

  /**
   * Over plain {@code http:} (a local server, a fake), HTTP/1.1 from the start: the JDK's default,
   * HTTP/2, asks every request on such a connection to upgrade ({@code Upgrade: h2c}), which no
   * model server here accepts. Over TLS the default stays, and HTTP/2 is agreed in the handshake.
   */
  private static HttpClient.Builder jdkBuilder(String baseUrl) {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (isPlainHttp(baseUrl)) {
      builder.version(Version.HTTP_1_1);
    }
    return builder;
  }

  private static boolean isPlainHttp(String baseUrl) {
    return baseUrl != null && baseUrl.regionMatches(true, 0, "http:", 0, 5);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return delegate.send(request, capturing(handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, capturing(handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(request, capturing(handler), pushPromiseHandler);
  }

  /**
   * The capture is looked up now, on the thread that sends; the handler runs later on one of the
   * client's threads, where the caller's binding is not visible. A streamed call's body is also
   * watched for how it ends, see {@link StreamEnding}.
   */
  private static <T> HttpResponse.BodyHandler<T> capturing(HttpResponse.BodyHandler<T> handler) {
    ResponseCapture capture = ResponseCapture.current();
    if (capture == null) {
      return handler;
    }
    StreamEnding ending = capture.ending();
    return info -> {
      capture.record(info.statusCode(), info.headers().map());
      HttpResponse.BodySubscriber<T> body = handler.apply(info);
      // Only a successful stream has an ending to judge; an error body is read whole.
      return info.statusCode() / 100 == 2 ? WatchedBody.of(body, ending) : body;
    };
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /**
   * Hands LangChain4j's client a capturing JDK client. The first build is kept and returned again,
   * so models built from one builder (Gemini's per-seed models) share a connection pool.
   */
  private static final class Builder implements HttpClient.Builder {
    private final HttpClient.Builder delegate;
    private HttpClient built;

    Builder(HttpClient.Builder delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized HttpClient build() {
      if (built == null) {
        built = new CapturingJdkHttpClient(delegate.build());
      }
      return built;
    }

    @Override
    public Builder cookieHandler(CookieHandler cookieHandler) {
      delegate.cookieHandler(cookieHandler);
      return this;
    }

    @Override
    public Builder connectTimeout(Duration duration) {
      delegate.connectTimeout(duration);
      return this;
    }

    @Override
    public Builder sslContext(SSLContext sslContext) {
      delegate.sslContext(sslContext);
      return this;
    }

    @Override
    public Builder sslParameters(SSLParameters sslParameters) {
      delegate.sslParameters(sslParameters);
      return this;
    }

    @Override
    public Builder executor(Executor executor) {
      delegate.executor(executor);
      return this;
    }

    @Override
    public Builder followRedirects(Redirect policy) {
      delegate.followRedirects(policy);
      return this;
    }

    @Override
    public Builder version(Version version) {
      delegate.version(version);
      return this;
    }

    @Override
    public Builder priority(int priority) {
      delegate.priority(priority);
      return this;
    }

    @Override
    public Builder proxy(ProxySelector proxySelector) {
      delegate.proxy(proxySelector);
      return this;
    }

    @Override
    public Builder authenticator(Authenticator authenticator) {
      delegate.authenticator(authenticator);
      return this;
    }
  }
}
