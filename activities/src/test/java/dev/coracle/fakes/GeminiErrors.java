package dev.coracle.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Google's error bodies, as the Gemini API sends them for each failing behaviour. */
final class GeminiErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPES = "type.googleapis.com/google.rpc.";

  private GeminiErrors() {}

  /** Answers the HTTP failures; returns false when the behaviour is a normal answer. */
  static boolean send(HttpExchange exchange, FakeBehaviour behaviour, String model)
      throws IOException {
    switch (behaviour) {
      case FAIL_500 ->
          FakeUpstreamServer.sendJson(
              exchange,
              500,
              error(
                  500,
                  "INTERNAL",
                  "An internal error has occurred. Please retry or report in"
                      + " https://developers.generativeai.google/guide/troubleshooting"));
      case RATE_LIMITED -> FakeUpstreamServer.sendJson(exchange, 429, quotaExceeded(false, model));
      case RATE_LIMITED_DAY ->
          FakeUpstreamServer.sendJson(exchange, 429, quotaExceeded(true, model));
      case UNAUTHORIZED -> FakeUpstreamServer.sendJson(exchange, 400, invalidKey());
      case MISSING ->
          FakeUpstreamServer.sendJson(
              exchange,
              404,
              error(
                  404,
                  "NOT_FOUND",
                  "models/"
                      + model
                      + " is not found for API version v1beta, or is not supported for"
                      + " generateContent. Call ListModels to see the list of available models"
                      + " and their supported methods."));
      default -> {
        return false;
      }
    }
    return true;
  }

  static ObjectNode error(int code, String status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message).put("status", status);
    return body;
  }

  /** What Gemini answers a request without any key. */
  static ObjectNode unregisteredCaller() {
    return error(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity)."
            + " Please use API Key or other form of API consumer identity to call this API.");
  }

  /** A wrong key is a 400 with the reason API_KEY_INVALID, not a 401. */
  private static ObjectNode invalidKey() {
    String message = "API key not valid. Please pass a valid API key.";
    ObjectNode body = error(400, "INVALID_ARGUMENT", message);
    ArrayNode details = ((ObjectNode) body.path("error")).putArray("details");
    ObjectNode info =
        details
            .addObject()
            .put("@type", TYPES + "ErrorInfo")
            .put("reason", "API_KEY_INVALID")
            .put("domain", "googleapis.com");
    info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
    details
        .addObject()
        .put("@type", TYPES + "LocalizedMessage")
        .put("locale", "en-US")
        .put("message", message);
    return body;
  }

  /**
   * The free tier's 429: a {@code QuotaFailure} naming the exhausted quota, a {@code Help} link and
   * a {@code RetryInfo} with the delay Google suggests.
   */
  static ObjectNode quotaExceeded(boolean perDay, String model) {
    String window = perDay ? "PerDay" : "PerMinute";
    String limit = perDay ? "250" : "10";
    String delay = perDay ? "41s" : "13s";
    String metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
    ObjectNode body =
        error(
            429,
            "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details. For"
                + " more information on this error, head to:"
                + " https://ai.google.dev/gemini-api/docs/rate-limits.\n"
                + "* Quota exceeded for metric: "
                + metric
                + ", limit: "
                + limit
                + ", model: "
                + model
                + "\nPlease retry in "
                + delay
                + ".");
    ArrayNode details = ((ObjectNode) body.path("error")).putArray("details");
    ObjectNode violation =
        details
            .addObject()
            .put("@type", TYPES + "QuotaFailure")
            .putArray("violations")
            .addObject()
            .put("quotaMetric", metric)
            .put("quotaId", "GenerateRequests" + window + "PerProjectPerModel-FreeTier");
    violation.putObject("quotaDimensions").put("location", "global").put("model", model);
    violation.put("quotaValue", limit);
    details
        .addObject()
        .put("@type", TYPES + "Help")
        .putArray("links")
        .addObject()
        .put("description", "Learn more about Gemini API quotas")
        .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
    details.addObject().put("@type", TYPES + "RetryInfo").put("retryDelay", delay);
    return body;
  }
}
