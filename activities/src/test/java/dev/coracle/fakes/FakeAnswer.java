package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer a fake gives: {@code "echo: <last user message>"}, cut at the first stop sequence and
 * at the token limit like a real model, split into word tokens for streaming. One word counts as
 * one token. In agent mode it calls the first offered tool (or the one {@code tool_choice} forces)
 * with {@code {"query":"<last user message>"}}, and after a tool result it answers {@code "tool
 * said: <result>"}. When the last user message scripts calls ({@code tool-call: <tool> <json>}
 * lines, see {@link ScriptedToolCalls}) to tools the client offers, it makes exactly those. Asked
 * for JSON, it answers {@code {"answer":"<last user message>"}}.
 *
 * @param toolCall the call the model makes instead of answering in text, or null
 */
public record FakeAnswer(
    List<String> tokens, String finishReason, int promptTokens, FakeToolCall toolCall) {

  private static final Pattern WORD = Pattern.compile("\\s*\\S+");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static FakeAnswer of(JsonNode messages, Integer maxTokens, List<String> stop) {
    return of(new FakeRequest(messages, maxTokens, stop, List.of(), null, false));
  }

  /** The answer for a request to a model with the given behaviour. */
  public static FakeAnswer of(FakeRequest request, FakeBehaviour behaviour) {
    return behaviour == FakeBehaviour.JOB ? FakeJobModel.answer(request) : of(request);
  }

  public static FakeAnswer of(FakeRequest request) {
    JsonNode messages = request.messages();
    int prompt = 0;
    for (JsonNode message : messages) {
      prompt += words(text(message.path("content"))).size();
    }
    JsonNode last =
        messages.isEmpty() ? JSON.createObjectNode() : messages.get(messages.size() - 1);
    String text;
    Optional<ScriptedToolCalls> script = ScriptedToolCalls.in(lastUserText(messages));
    if (!request.tools().isEmpty()
        && script.isPresent()
        && request.tools().containsAll(script.get().toolNames())) {
      // A coding agent's scripted turn: call the named tools one by one, as a real model would
      // when asked to run them, then close with what the last one returned.
      return script.get().agentTurn(messages, prompt);
    }
    if ("tool".equals(last.path("role").asText())) {
      text = "tool said: " + text(last.path("content"));
    } else if (!request.tools().isEmpty()) {
      String name = request.forcedTool() == null ? request.tools().get(0) : request.forcedTool();
      ObjectNode arguments = JSON.createObjectNode().put("query", lastUserText(messages));
      return new FakeAnswer(
          List.of(), "tool_calls", prompt, new FakeToolCall(name, arguments.toString()));
    } else if (request.json()) {
      text = JSON.createObjectNode().put("answer", lastUserText(messages)).toString();
    } else {
      text = "echo: " + lastUserText(messages);
    }
    return text(text, request.maxTokens(), request.stop(), prompt);
  }

  /** A plain text answer without stop sequences or a token limit. */
  static FakeAnswer plain(String text, int promptTokens) {
    return text(text, null, List.of(), promptTokens);
  }

  private static FakeAnswer text(String text, Integer maxTokens, List<String> stop, int prompt) {
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
    return new FakeAnswer(List.copyOf(tokens), finish, prompt, null);
  }

  public String content() {
    return String.join("", tokens);
  }

  /** A tool call counts one token for each streamed piece of its arguments. */
  public int completionTokens() {
    return tokens.size() + (toolCall == null ? 0 : toolCall.fragments().size());
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
  static String text(JsonNode content) {
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
