package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted mode of the {@code job} model, for tests that play a malicious or prompt-injected
 * coder: a job request with lines {@code tool-call: <tool_name> <json arguments>} gets a one-step
 * plan, and the coder calls exactly those tools in that order, one per turn, then says it is done.
 *
 * <p>The same lines in a chat that offers tools (agent mode) make the model call them the same way,
 * for tests that drive a real coding agent ({@link #agentTurn}).
 *
 * <p>A step has at most {@code jobs.max-turns-per-step} turns (8 by default), so a script holds at
 * most one call fewer than that.
 */
final class ScriptedToolCalls {
  private static final Pattern CALL =
      Pattern.compile("(?m)^\\s*tool-call:\\s*([A-Za-z0-9_.-]+)\\s+(\\{.*\\})\\s*$");

  private final List<FakeToolCall> calls;

  private ScriptedToolCalls(List<FakeToolCall> calls) {
    this.calls = calls;
  }

  /** The script in a request's text, if it has one. */
  static Optional<ScriptedToolCalls> in(String text) {
    List<FakeToolCall> calls = new ArrayList<>();
    Matcher matcher = CALL.matcher(text);
    while (matcher.find()) {
      calls.add(new FakeToolCall(matcher.group(1), matcher.group(2)));
    }
    return calls.isEmpty() ? Optional.empty() : Optional.of(new ScriptedToolCalls(calls));
  }

  /** One step that names every scripted tool. */
  String plan() {
    Set<String> tools = new LinkedHashSet<>();
    calls.forEach(call -> tools.add(call.name()));
    ObjectNode plan =
        FakeUpstreamServer.JSON.createObjectNode().put("summary", "run the scripted tool calls");
    ObjectNode step = plan.putArray("steps").addObject();
    step.put("goal", "Run the scripted tool calls");
    step.putArray("files");
    ArrayNode names = step.putArray("tools");
    tools.forEach(names::add);
    step.put("done_criteria", "every scripted call has run");
    return plan.toString();
  }

  /**
   * The coder's next turn: the call after the ones already answered by a {@code tool} message in
   * this step's conversation, or the closing remark once all have run.
   */
  FakeAnswer next(JsonNode messages, int promptTokens) {
    int answered = 0;
    for (JsonNode message : messages) {
      if ("tool".equals(message.path("role").asText())) {
        answered++;
      }
    }
    if (answered < calls.size()) {
      return new FakeAnswer(List.of(), "tool_calls", promptTokens, calls.get(answered));
    }
    return FakeAnswer.plain("Step done: the scripted calls ran.", promptTokens);
  }

  /** The names of the scripted tools, in call order. */
  List<String> toolNames() {
    return calls.stream().map(FakeToolCall::name).toList();
  }

  /**
   * A coding agent's next turn (agent mode, where the client runs the tools): the next scripted
   * call, or once every call has its result, {@code "tool said: <last result>"}.
   */
  FakeAnswer agentTurn(JsonNode messages, int promptTokens) {
    int answered = 0;
    String lastResult = "";
    for (JsonNode message : messages) {
      if ("tool".equals(message.path("role").asText())) {
        answered++;
        lastResult = FakeAnswer.text(message.path("content"));
      }
    }
    if (answered < calls.size()) {
      return new FakeAnswer(List.of(), "tool_calls", promptTokens, calls.get(answered));
    }
    return FakeAnswer.plain("tool said: " + lastResult, promptTokens);
  }
}
