package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what an upstream said about its rate limits: the {@code x-ratelimit-*} and {@code
 * retry-after} headers of OpenAI-compatible servers, and the error bodies of Gemini and OpenRouter.
 * Pure: the caller passes the clock's reading, so relative resets become instants.
 */
public final class RateLimitParser {

  private static final RateLimitInfo EMPTY =
      new RateLimitInfo(null, null, null, null, null, null, null, null, null);

  /** The windows a provider may name in a header suffix, e.g. Cerebras' {@code -requests-day}. */
  private static final List<Window> WINDOWS =
      List.of(
          new Window("", null),
          new Window("-minute", RateLimitInfo.Scope.MINUTE),
          new Window("-hour", RateLimitInfo.Scope.HOUR),
          new Window("-day", RateLimitInfo.Scope.DAY));

  private record Window(String suffix, RateLimitInfo.Scope scope) {}

  private record Limit(
      Integer limit, Integer remaining, Instant resetAt, RateLimitInfo.Scope scope) {

    boolean isPresent() {
      return limit != null || remaining != null || resetAt != null;
    }

    boolean exhausted() {
      return remaining != null && remaining <= 0;
    }
  }

  private RateLimitParser() {}

  /** The info that says nothing, for callers that want a non-null value. */
  public static RateLimitInfo empty() {
    return EMPTY;
  }

  /**
   * Reads rate-limit headers. Names are matched case-insensitively; values that cannot be read are
   * ignored rather than trusted. Where a provider reports several windows (Cerebras: requests per
   * day, tokens per minute), the exhausted one wins, longest window first, and names the scope.
   *
   * @param headers header names to their values, as any HTTP client gives them
   * @param now the moment the response arrived
   * @return never null; {@link RateLimitInfo#isEmpty()} when the headers said nothing
   */
  public static RateLimitInfo fromHeaders(Map<String, List<String>> headers, Instant now) {
    if (headers == null || headers.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> first = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null && !values.isEmpty()) {
            first.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0).trim());
          }
        });
    Limit requests = limit(first, "requests", now);
    Limit tokens = limit(first, "tokens", now);
    RateLimitInfo.Scope scope = null;
    if (requests.exhausted() && requests.scope() != null) {
      scope = requests.scope();
    } else if (tokens.exhausted() && tokens.scope() != null) {
      scope = tokens.scope();
    }
    return new RateLimitInfo(
        requests.limit(),
        requests.remaining(),
        tokens.limit(),
        tokens.remaining(),
        requests.resetAt(),
        tokens.resetAt(),
        retryAfter(first, now),
        scope,
        null);
  }

  /**
   * Reads an error body: Google's {@code RetryInfo} and {@code QuotaFailure} details (the scope
   * comes from the quota id: {@code PerDay}, {@code PerHour}, {@code PerMinute}), or OpenRouter's
   * {@code error.metadata.headers} and its {@code free-models-per-day} / {@code -per-min} message.
   *
   * @return never null; {@link RateLimitInfo#isEmpty()} for bodies that are not such errors
   */
  public static RateLimitInfo fromErrorBody(String body, Instant now) {
    if (body == null || body.isBlank()) {
      return EMPTY;
    }
    JsonNode error;
    try {
      error = JsonSchemas.JSON.readTree(body).path("error");
    } catch (Exception notJson) {
      return EMPTY;
    }
    if (!error.isObject()) {
      return EMPTY;
    }
    return merge(ErrorBodies.fromGoogle(error), ErrorBodies.fromOpenRouter(error, now));
  }

  /** Field by field, the first info's value where it has one, else the second's. */
  public static RateLimitInfo merge(RateLimitInfo first, RateLimitInfo second) {
    if (first == null || first.isEmpty() && first.scope() == null) {
      return second == null ? EMPTY : second;
    }
    if (second == null) {
      return first;
    }
    return new RateLimitInfo(
        or(first.limitRequests(), second.limitRequests()),
        or(first.remainingRequests(), second.remainingRequests()),
        or(first.limitTokens(), second.limitTokens()),
        or(first.remainingTokens(), second.remainingTokens()),
        or(first.resetRequestsAt(), second.resetRequestsAt()),
        or(first.resetTokensAt(), second.resetTokensAt()),
        or(first.retryAfter(), second.retryAfter()),
        or(first.scope(), second.scope()),
        or(first.quotaId(), second.quotaId()));
  }

  /**
   * One kind of limit (requests or tokens) across the windows the headers name. An exhausted window
   * wins, the longest first, because that one decides when the provider can be used again; else the
   * plain, unsuffixed headers; else the longest window given.
   */
  private static Limit limit(Map<String, String> headers, String kind, Instant now) {
    List<Limit> found = new ArrayList<>();
    for (Window window : WINDOWS) {
      String suffix = kind + window.suffix();
      Limit limit =
          new Limit(
              RateLimitValues.integer(headers.get("x-ratelimit-limit-" + suffix)),
              RateLimitValues.integer(headers.get("x-ratelimit-remaining-" + suffix)),
              RateLimitValues.parseReset(headers.get("x-ratelimit-reset-" + suffix), now),
              window.scope());
      if (limit.isPresent()) {
        found.add(limit);
      }
    }
    if (found.isEmpty() && kind.equals("requests")) {
      // OpenRouter counts requests under the bare names, with the reset in epoch milliseconds.
      return new Limit(
          RateLimitValues.integer(headers.get("x-ratelimit-limit")),
          RateLimitValues.integer(headers.get("x-ratelimit-remaining")),
          RateLimitValues.parseReset(headers.get("x-ratelimit-reset"), now),
          null);
    }
    Limit chosen = null;
    for (Limit limit : found) {
      if (limit.exhausted() && (chosen == null || longer(limit, chosen))) {
        chosen = limit;
      }
    }
    if (chosen != null) {
      return chosen;
    }
    for (Limit limit : found) {
      if (limit.scope() == null) {
        return limit;
      }
    }
    return found.isEmpty() ? new Limit(null, null, null, null) : found.get(found.size() - 1);
  }

  private static boolean longer(Limit a, Limit b) {
    return b.scope() == null || a.scope() != null && a.scope().ordinal() > b.scope().ordinal();
  }

  /** OpenAI's SDKs honour {@code retry-after-ms} first: it is the more precise of the two. */
  private static Duration retryAfter(Map<String, String> headers, Instant now) {
    String millis = headers.get("retry-after-ms");
    if (millis != null && RateLimitValues.NUMBER.matcher(millis).matches()) {
      return Duration.ofNanos(Math.round(Double.parseDouble(millis) * 1e6));
    }
    return RateLimitValues.parseRetryAfter(headers.get("retry-after"), now);
  }

  private static <T> T or(T first, T second) {
    return first != null ? first : second;
  }
}
