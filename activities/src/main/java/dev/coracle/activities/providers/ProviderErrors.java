package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Classifies whatever LangChain4j and the JDK HTTP client threw into a {@link ProviderException}.
 * LangChain4j wraps the HTTP status in an {@link HttpException} somewhere in the cause chain, so
 * the chain is searched rather than the outer type trusted.
 */
final class ProviderErrors {

  private static final ObjectMapper JSON = CoracleJson.mapper();
  private static final int MAX_UPSTREAM_MESSAGE = 300;

  private ProviderErrors() {}

  /**
   * @param responded whether the response's status and headers arrived before the failure
   * @param rateLimit what the failed response said about rate limits, or null; carried by the
   *     exception
   */
  static ProviderException classify(
      Throwable error,
      ProviderEndpoint endpoint,
      String model,
      boolean responded,
      boolean tokensSent,
      RateLimitInfo rateLimit) {
    if (error instanceof ProviderException already) {
      return already;
    }
    String prefix = endpoint.name() + "/" + model + ": ";
    HttpException http = find(error, HttpException.class);
    int status = http == null ? 0 : http.statusCode();
    UpstreamReach reach = reachOf(error, responded || tokensSent || http != null);
    boolean timedOut = http == null && isTimeout(error);
    if (tokensSent) {
      // The client already holds part of the answer, so another provider cannot take over.
      return new ProviderException(
          ChatErrorType.STREAM_BROKEN,
          status,
          prefix + "stream broke after tokens were sent: " + describe(error, endpoint, tokensSent),
          error,
          rateLimit,
          reach,
          timedOut);
    }
    if (http != null) {
      ChatErrorType type = typeOf(status, http.getMessage());
      return new ProviderException(
          type,
          status,
          prefix + "HTTP " + status + " " + label(status, type) + ": " + upstreamMessage(http),
          error,
          rateLimit,
          reach);
    }
    ChatErrorType type = ChatErrorType.UPSTREAM_UNAVAILABLE;
    if (find(error, RateLimitException.class) != null) {
      type = ChatErrorType.UPSTREAM_RATE_LIMITED;
    } else if (find(error, AuthenticationException.class) != null) {
      type = ChatErrorType.UPSTREAM_AUTH;
    } else if (find(error, InvalidRequestException.class) != null) {
      type = ChatErrorType.UPSTREAM_REJECTED;
    }
    return new ProviderException(
        type, 0, prefix + describe(error, endpoint, tokensSent), error, rateLimit, reach, timedOut);
  }

  /** Whether the upstream was too slow: no response, a silent stream, or an endless one. */
  static boolean isTimeout(Throwable error) {
    return find(error, TimeoutException.class) != null
        || find(error, HttpTimeoutException.class) != null
        || find(error, java.util.concurrent.TimeoutException.class) != null;
  }

  /**
   * How far a failed call got. Only a failure to connect proves the request never left: a refused
   * connection, an unknown host, a failed TLS handshake, a connect timeout. Anything else, a read
   * timeout above all, happened after the request went out, and the upstream counts such a call.
   *
   * @param responded whether a response (its headers, or any byte of a stream) arrived
   */
  static UpstreamReach reachOf(Throwable error, boolean responded) {
    if (responded) {
      return UpstreamReach.ACCEPTED;
    }
    boolean neverConnected =
        find(error, HttpConnectTimeoutException.class) != null
            || find(error, ConnectException.class) != null
            || find(error, UnknownHostException.class) != null
            || find(error, UnresolvedAddressException.class) != null
            || find(error, SSLException.class) != null;
    return neverConnected ? UpstreamReach.NOT_SENT : UpstreamReach.ACCEPTED;
  }

  /** The body of the failed HTTP response somewhere in the chain, or null when none arrived. */
  static String errorBody(Throwable error) {
    HttpException http = find(error, HttpException.class);
    return http == null ? null : http.getMessage();
  }

  /**
   * Google answers a wrong API key with 400 and the reason {@code API_KEY_INVALID}, not with 401;
   * it is still a credentials problem, which retrying or rephrasing will not fix.
   */
  static ChatErrorType typeOf(int status, String body) {
    if (status == 400 && body != null && body.contains("API_KEY_INVALID")) {
      return ChatErrorType.UPSTREAM_AUTH;
    }
    return typeOf(status);
  }

  static ChatErrorType typeOf(int status) {
    if (status == 429) {
      return ChatErrorType.UPSTREAM_RATE_LIMITED;
    }
    if (status == 401 || status == 403) {
      return ChatErrorType.UPSTREAM_AUTH;
    }
    // 408 is the upstream timing out on us, which a retry may well fix.
    if (status >= 400 && status < 500 && status != 408) {
      return ChatErrorType.UPSTREAM_REJECTED;
    }
    return ChatErrorType.UPSTREAM_UNAVAILABLE;
  }

  private static String label(int status, ChatErrorType type) {
    return type == ChatErrorType.UPSTREAM_AUTH && status == 400 ? "unauthorized" : label(status);
  }

  private static String label(int status) {
    return switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 408 -> "timed out";
      case 429 -> "rate limited";
      default -> status >= 500 ? "server error" : "rejected";
    };
  }

  private static String describe(Throwable error, ProviderEndpoint endpoint, boolean tokensSent) {
    HttpException http = find(error, HttpException.class);
    if (http != null) {
      return "HTTP "
          + http.statusCode()
          + " "
          + label(http.statusCode())
          + ": "
          + upstreamMessage(http);
    }
    StreamTimeoutException streamTimeout = find(error, StreamTimeoutException.class);
    if (streamTimeout != null && !(streamTimeout.idle() && !tokensSent)) {
      return streamTimeout.getMessage();
    }
    BrokenStreamException broken = find(error, BrokenStreamException.class);
    if (broken != null) {
      return broken.getMessage();
    }
    if (isTimeout(error)) {
      String which = streamTimeout != null ? " (idle timeout)" : "";
      return "no response within "
          + human(endpoint.timeout())
          + " from "
          + endpoint.baseUrl()
          + which;
    }
    if (find(error, ConnectException.class) != null) {
      return "cannot connect to " + endpoint.baseUrl() + " (connection refused)";
    }
    if (find(error, UnknownHostException.class) != null
        || find(error, UnresolvedAddressException.class) != null) {
      return "cannot resolve the host of " + endpoint.baseUrl();
    }
    Throwable root = root(error);
    String message = root.getMessage() == null ? "" : ": " + oneLine(root.getMessage());
    return root.getClass().getSimpleName() + message;
  }

  /** OpenAI puts the reason in {@code error.message}, Ollama in {@code error}; else raw text. */
  private static String upstreamMessage(HttpException http) {
    String body = http.getMessage() == null ? "" : http.getMessage();
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isTextual()) {
        return oneLine(error.asText());
      }
      if (error.path("message").isTextual()) {
        return oneLine(error.path("message").asText());
      }
    } catch (Exception notJson) {
      // Fall through: plenty of proxies answer errors in plain text or HTML.
    }
    return oneLine(body);
  }

  static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_UPSTREAM_MESSAGE
        ? flat
        : flat.substring(0, MAX_UPSTREAM_MESSAGE) + "…";
  }

  private static <T> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable root(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
