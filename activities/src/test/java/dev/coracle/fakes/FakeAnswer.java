package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer a fake gives: {@code "echo: <last user message>"}, cut at the first stop sequence and
 * at the token limit like a real model, split into word tokens for streaming. One word counts as
 * one token.
 */
public record FakeAnswer(List<String> tokens, String finishReason, int promptTokens) {

  private static final Pattern WORD = Pattern.compile("\\s*\\S+");

  public static FakeAnswer of(JsonNode messages, Integer maxTokens, List<String> stop) {
    String text = "echo: " + lastUserText(messages);
    String finish = "stop";
    for (String sequence : stop) {
      int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
      if (at >= 0) {
        text = text.substring(0, at);
      }
    }
    List<String> tokens = words(text);
    if (maxTokens != null && maxTokens >= 0 && tokens.size() > maxTokens) {
      tokens = new ArrayList<>(tokens.subList(0, maxTokens));
      finish = "length";
    }
    int prompt = 0;
    for (JsonNode message : messages) {
      prompt += words(text(message.path("content"))).size();
    }
    return new FakeAnswer(List.copyOf(tokens), finish, prompt);
  }

  public String content() {
    return String.join("", tokens);
  }

  public int completionTokens() {
    return tokens.size();
  }

  private static String lastUserText(JsonNode messages) {
    String last = "";
    for (JsonNode message : messages) {
      if ("user".equals(message.path("role").asText())) {
        last = text(message.path("content"));
      }
    }
    return last;
  }

  /** OpenAI allows content as a string or as an array of typed parts. */
  private static String text(JsonNode content) {
    if (content.isArray()) {
      StringBuilder joined = new StringBuilder();
      content.forEach(part -> joined.append(part.path("text").asText("")));
      return joined.toString();
    }
    return content.asText("");
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }
}
