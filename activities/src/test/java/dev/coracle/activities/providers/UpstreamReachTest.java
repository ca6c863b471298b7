package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Which failures prove a request never reached the upstream. The JDK client's exceptions arrive
 * wrapped by LangChain4j, so each is wrapped here the same way. A refused connection and a read
 * timeout are also covered over real HTTP in {@code QuotaGateTest}.
 */
class UpstreamReachTest {

  @Test
  void failures_to_connect_mean_the_request_was_never_sent() {
    assertThat(reachOf(new ConnectException("Connection refused")))
        .isEqualTo(UpstreamReach.NOT_SENT);
    assertThat(reachOf(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo(UpstreamReach.NOT_SENT);
    assertThat(reachOf(new UnknownHostException("api.example.invalid")))
        .isEqualTo(UpstreamReach.NOT_SENT);
    assertThat(reachOf(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(UpstreamReach.NOT_SENT);
  }

  @Test
  void a_read_timeout_means_the_upstream_accepted_the_request() {
    assertThat(reachOf(new HttpTimeoutException("request timed out")))
        .isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(reachOf(new TimeoutException())).isEqualTo(UpstreamReach.ACCEPTED);
  }

  @Test
  void a_connection_dropped_mid_call_means_accepted() {
    assertThat(reachOf(new IOException("Connection reset"))).isEqualTo(UpstreamReach.ACCEPTED);
  }

  @Test
  void a_response_that_arrived_means_accepted_whatever_broke_later() {
    RuntimeException wrapped = new RuntimeException(new ConnectException("Connection reset"));

    assertThat(ProviderErrors.reachOf(wrapped, true)).isEqualTo(UpstreamReach.ACCEPTED);
  }

  private static UpstreamReach reachOf(Exception cause) {
    return ProviderErrors.reachOf(new RuntimeException(cause), false);
  }
}
