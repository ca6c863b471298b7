package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message's {@code content}: a string, or an array of text parts joined into one string, cleaned
 * by {@link RequestText}.
 */
final class Content {
  private Content() {}

  /**
   * @param optional true where OpenAI allows null content (assistant turns with tool calls)
   */
  static String text(JsonNode content, String param, boolean optional) {
    if (content == null || content.isNull()) {
      if (optional) {
        return "";
      }
      throw OpenAiException.invalid(
          param + ".content", "Missing required parameter: '" + param + ".content'");
    }
    if (content.isTextual()) {
      return RequestText.clean(content.asText());
    }
    if (!content.isArray()) {
      throw OpenAiException.invalid(
          param + ".content", "'" + param + ".content' must be a string or an array of parts");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partParam = param + ".content[" + i + "]";
      if (!part.isObject() || !"text".equals(part.path("type").asText())) {
        throw OpenAiException.invalidValue(
            partParam,
            "Only text content parts are supported (got '" + part.path("type").asText() + "')");
      }
      if (!part.path("text").isTextual()) {
        throw OpenAiException.invalid(
            partParam + ".text", "'" + partParam + ".text' must be a string");
      }
      text.append(RequestText.clean(part.get("text").asText()));
    }
    return text.toString();
  }
}
