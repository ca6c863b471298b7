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
 * The {@code job} model: answers every role of a coding job the way a capable model would, by the
 * JSON schemas coracle asks for. It tells the roles apart by their system prompts, as a real model
 * would by its instructions.
 *
 * <ul>
 *   <li>refine: a brief that repeats the conversation;
 *   <li>plan: one step per file name in the brief ({@code notes/a.txt}, {@code b.md}, …), each
 *       creating that file;
 *   <li>verify: {@code continue};
 *   <li>the classification vote: a {@code vote: <class> <confidence>} line of the request, else
 *       {@code fast} at 0.6;
 *   <li>coder: calls {@code write_file} for its step's file, then says it is done.
 * </ul>
 *
 * <p>A request with {@code tool-call:} lines is played by {@link ScriptedToolCalls} instead: one
 * step, whose coder makes exactly those calls.
 */
final class FakeJobModel {
  private static final Pattern FILE =
      Pattern.compile("([\\w./-]*\\w\\.(?:txt|md|py|java|js|json))");
  private static final Pattern VOTE =
      Pattern.compile("(?m)^vote: (status|fast|deep|research) ([01](?:\\.\\d+)?)\\s*$");
  private static final Pattern STEP = Pattern.compile("Your step \\((\\d+)\\): ([^\\n]*)");

  private FakeJobModel() {}

  static FakeAnswer answer(FakeRequest request) {
    JsonNode messages = request.messages();
    String system = firstOfRole(messages, "system");
    String user = lastOfRole(messages, "user");
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    Optional<ScriptedToolCalls> script = ScriptedToolCalls.in(user);
    String text;
    if (script.isPresent()
        && (system.contains("You plan a coding job")
            || system.contains("meant to be a JSON plan"))) {
      text = script.get().plan();
    } else if (script.isPresent() && !request.tools().isEmpty()) {
      return script.get().next(messages, countWords(messages));
    } else if (system.contains("You plan a coding job")
        || system.contains("meant to be a JSON plan")) {
      text = plan(user);
    } else if (system.contains("You route requests for a coding assistant")) {
      text = vote(user);
    } else if (system.contains("You check a coding job")) {
      text =
          "{\"decision\":\"continue\",\"reason\":\"the step met its criterion\",\"learned\":\"\"}";
    } else if (system.contains("into a precise brief")) {
      text = "Brief: " + user.replace("Conversation:\n", "").strip();
    } else if (!request.tools().isEmpty()
        && last != null
        && !"tool".equals(last.path("role").asText())) {
      return writeFile(user);
    } else if (!request.tools().isEmpty()) {
      text = "Step done: the file is written.";
    } else {
      text = "echo: " + user;
    }
    return FakeAnswer.plain(text, countWords(messages));
  }

  /**
   * The classification vote: the class and confidence a {@code vote: <class> <confidence>} line in
   * the request names, else {@code fast} at 0.6, as the JSON schema asks.
   */
  private static String vote(String request) {
    Matcher scripted = VOTE.matcher(request);
    ObjectNode vote = FakeUpstreamServer.JSON.createObjectNode();
    if (scripted.find()) {
      vote.put("class", scripted.group(1)).put("confidence", Double.parseDouble(scripted.group(2)));
    } else {
      vote.put("class", "fast").put("confidence", 0.6);
    }
    return vote.toString();
  }

  private static String plan(String brief) {
    Set<String> files = new LinkedHashSet<>();
    Matcher matcher = FILE.matcher(brief.split("Workspace snapshot:")[0]);
    while (matcher.find()) {
      files.add(matcher.group(1));
    }
    if (files.isEmpty()) {
      files.add("result.txt");
    }
    ObjectNode plan = FakeUpstreamServer.JSON.createObjectNode().put("summary", "create the files");
    ArrayNode steps = plan.putArray("steps");
    for (String file : files) {
      ObjectNode step = steps.addObject();
      step.put("goal", "Create " + file);
      step.putArray("files").add(file);
      step.putArray("tools").add("write_file");
      step.put("done_criteria", file + " exists");
    }
    return plan.toString();
  }

  private static FakeAnswer writeFile(String user) {
    Matcher step = STEP.matcher(user);
    String index = "1";
    String path = "result.txt";
    if (step.find()) {
      index = step.group(1);
      Matcher file = FILE.matcher(step.group(2));
      if (file.find()) {
        path = file.group(1);
      }
    }
    ObjectNode arguments =
        FakeUpstreamServer.JSON
            .createObjectNode()
            .put("path", path)
            .put("content", "written by coracle step " + index + "\n");
    return new FakeAnswer(
        List.of(), "tool_calls", 1, new FakeToolCall("write_file", arguments.toString()));
  }

  private static String firstOfRole(JsonNode messages, String role) {
    for (JsonNode message : messages) {
      if (role.equals(message.path("role").asText())) {
        return FakeAnswer.text(message.path("content"));
      }
    }
    return "";
  }

  private static String lastOfRole(JsonNode messages, String role) {
    String text = "";
    for (JsonNode message : messages) {
      if (role.equals(message.path("role").asText())) {
        text = FakeAnswer.text(message.path("content"));
      }
    }
    return text;
  }

  private static int countWords(JsonNode messages) {
    List<String> all = new ArrayList<>();
    messages.forEach(m -> all.add(FakeAnswer.text(m.path("content"))));
    return String.join(" ", all).split("\\s+").length;
  }
}
