package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every model of one upstream uses one JDK client (one connection pool, one selector thread) for
 * its plain calls and one for its streams; a plain call's client over plain http completes
 * responses on its own thread, the others keep an executor (a stream's body is read on it).
 */
class SharedHttpClientsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final SharedHttpClients shared = new SharedHttpClients();

  @Test
  void models_of_one_upstream_share_its_client_and_other_upstreams_get_their_own() {
    HttpClient first = plain("https://api.example.test/v1");
    HttpClient second = plain("https://api.example.test/v1");

    assertThat(second).isSameAs(first);
    assertThat(plain("https://other.example.test/v1")).isNotSameAs(first);
    assertThat(stream("https://api.example.test/v1")).isNotSameAs(first);
    assertThat(stream("https://api.example.test/v1"))
        .isSameAs(stream("https://api.example.test/v1"));
  }

  @Test
  void plain_calls_over_http_complete_on_the_clients_thread_and_the_rest_keep_an_executor() {
    HttpClient plain = plain("http://127.0.0.1:11434");

    Thread[] ranOn = new Thread[1];
    plain.executor().orElseThrow().execute(() -> ranOn[0] = Thread.currentThread());
    assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    assertThat(stream("http://127.0.0.1:11434").executor()).isEmpty();
    assertThat(plain("https://api.example.test/v1").executor()).isEmpty();
  }

  @Test
  void plain_http_speaks_http_1_1_and_tls_keeps_the_default() {
    assertThat(plain("http://127.0.0.1:11434").version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(plain("https://api.example.test/v1").version())
        .isEqualTo(HttpClient.newHttpClient().version());
  }

  private HttpClient plain(String baseUrl) {
    return shared.forPlainCalls(baseUrl, TIMEOUT).httpClientBuilder().build();
  }

  private HttpClient stream(String baseUrl) {
    return shared.forStreams(baseUrl, TIMEOUT).httpClientBuilder().build();
  }
}
