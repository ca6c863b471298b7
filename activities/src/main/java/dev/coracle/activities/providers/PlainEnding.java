package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;

/**
 * Judges a plain (non-streamed) OpenAI-compatible answer by its raw body: OpenRouter ends an answer
 * its provider broke off with {@code finish_reason: "error"}, and some proxies answer HTTP 200 with
 * an {@code error} object. LangChain4j maps either to an ordinary answer. A body cut off in transit
 * needs no check here: the HTTP client already fails on it.
 */
final class PlainEnding {

  private PlainEnding() {}

  /** Why the answer is not a whole one, or null when it is (or the body cannot be seen). */
  static String brokenReason(ChatResponse response) {
    if (!(response.metadata() instanceof OpenAiChatResponseMetadata metadata)) {
      return null;
    }
    SuccessfulHttpResponse raw = metadata.rawHttpResponse();
    // The body is decoded anew on every call of body(): once is enough.
    String text = raw == null ? null : raw.body();
    if (text == null || !mayTellOfAnError(text)) {
      return null;
    }
    JsonNode body;
    try {
      body = CoracleJson.mapper().readTree(text);
    } catch (Exception notJson) {
      // LangChain4j parsed it, so it is JSON; anything else is not this check's business.
      return null;
    }
    JsonNode error = body.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      return "the upstream answered with an error: "
          + (error.isTextual() ? error.asText() : error.path("message").asText(error.toString()));
    }
    for (JsonNode choice : body.path("choices")) {
      if ("error".equals(choice.path("finish_reason").asText(null))) {
        return "the upstream ended the answer with finish_reason \"error\"";
      }
    }
    return null;
  }

  /**
   * Whether the body could hold an {@code error} object or finish reason, so that a whole answer
   * (nearly every one) is not parsed a second time. Both spell the word {@code error}, unless a
   * JSON escape spells it otherwise, so a body with an escape is parsed as well.
   */
  private static boolean mayTellOfAnError(String body) {
    return body.contains("error") || body.contains("\\u");
  }
}
