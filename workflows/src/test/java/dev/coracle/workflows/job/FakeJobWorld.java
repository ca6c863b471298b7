package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.RouteActivities;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a job talks to, faked in memory: the router, the models (scripted by role), the store,
 * the workspace, the tools and the plan parser. Each part logs what it was asked, so a test can
 * assert what a user would see: which steps ran, which files were written, what was checkpointed.
 */
final class FakeJobWorld
    implements RouteActivities,
        ModelActivities,
        JobStoreActivities,
        WorkspaceActivities,
        ToolActivities,
        PlanActivities,
        CoderRouteActivities,
        CoderTurnActivities {
  static final ModelTarget REASONER = new ModelTarget("ollama", "reasoner", true, 30);
  static final ModelTarget CODER = new ModelTarget("ollama", "coder", true, 30);
  static final ModelTarget PLANNER = new ModelTarget("groq", "planner", false, 30);
  private static final Pattern FILE = Pattern.compile("([\\w-]+\\.[a-z]{1,4})");

  /** What the planner answers, in order; the last one repeats. "BAD" is not a plan. */
  final Deque<String> plans = new ConcurrentLinkedDeque<>(List.of("PLAN:write a.txt|write b.txt"));

  /** What the verifier answers, in order; {@code continue} once they run out. */
  final Deque<String> verdicts = new ConcurrentLinkedDeque<>();

  final List<ModelCall> modelCalls = new CopyOnWriteArrayList<>();
  final List<JobUpdate> updates = new CopyOnWriteArrayList<>();
  final List<JobRequest> registered = new CopyOnWriteArrayList<>();
  final List<ToolInvocation> toolRuns = new CopyOnWriteArrayList<>();
  final Map<String, String> files = new ConcurrentHashMap<>();

  /** The stored coder conversations, by job and step, as the real store keeps them. */
  final Map<String, SortedMap<Integer, TranscriptEntry>> transcripts = new ConcurrentHashMap<>();

  final Map<String, AgentTools> stepTools = new ConcurrentHashMap<>();

  /** Tool outputs stored because they were longer than the invocation's preview. */
  final Map<String, String> artifacts = new ConcurrentHashMap<>();

  /** Tool calls the coder makes in each step before it says it is done: a write, then reads. */
  volatile int toolTurnsPerStep = 1;

  /** When above 0, what a read returns: this many bytes of text. */
  volatile int readOutputBytes;

  /** When set, the first coder call waits here until the test lets it go. */
  volatile CountDownLatch coderGate;

  final CountDownLatch coderEntered = new CountDownLatch(1);

  // Router

  @Override
  public RoutePlan route(ChatRequest request, Classification classification) {
    return new RoutePlan(List.of(REASONER), null);
  }

  @Override
  public RoutePlan routeRole(JobRole role, ChatRequest request) {
    ModelTarget target =
        switch (role) {
          case PLAN -> PLANNER;
          case CODER -> CODER;
          default -> REASONER;
        };
    return new RoutePlan(List.of(target), null);
  }

  // Models

  @Override
  public ModelAnswer call(ModelCall call) {
    modelCalls.add(call);
    Usage usage = new Usage(10, 5);
    return switch (call.requestClass()) {
      case "job-refine" ->
          lastUser(call.messages()).startsWith("Refused because")
              ? answer(nextPlan(), usage)
              : answer("brief: " + lastUser(call.messages()), usage);
      case "job-plan" -> answer(nextPlan(), usage);
      case "job-verify" -> answer(verdicts.isEmpty() ? "continue" : verdicts.poll(), usage);
      case "job-coder" -> coder(call, usage);
      default ->
          throw ApplicationFailure.newNonRetryableFailure(
              "unexpected purpose " + call.requestClass(), ChatErrorType.UPSTREAM_REJECTED.name());
    };
  }

  private String nextPlan() {
    return plans.size() > 1 ? plans.poll() : plans.peek();
  }

  /** Writes the file its step names, then says it is done. */
  private ModelAnswer coder(ModelCall call, Usage usage) {
    coderEntered.countDown();
    CountDownLatch gate = coderGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long toolResults = call.messages().stream().filter(m -> "tool".equals(m.role())).count();
    if (toolResults >= toolTurnsPerStep) {
      return answer("wrote it", usage);
    }
    Matcher file = FILE.matcher(stepGoal(call.messages()));
    String path = file.find() ? file.group(1) : "out.txt";
    ToolCall next =
        toolResults == 0
            ? new ToolCall(
                "call-" + modelCalls.size(),
                "write_file",
                "{\"path\":\"" + path + "\",\"content\":\"hello\"}")
            : new ToolCall("call-" + modelCalls.size(), "read_file", "{\"path\":\"" + path + "\"}");
    return new ModelAnswer(null, "tool_calls", usage, 5, List.of(next));
  }

  private static String stepGoal(List<ChatMessage> messages) {
    String user = lastUser(messages);
    int at = user.indexOf("Your step");
    return at < 0 ? user : user.substring(at);
  }

  private static String lastUser(List<ChatMessage> messages) {
    String text = "";
    for (ChatMessage message : messages) {
      if ("user".equals(message.role())) {
        text = message.content();
      }
    }
    return text;
  }

  private static ModelAnswer answer(String content, Usage usage) {
    return new ModelAnswer(content, "stop", usage, 5);
  }

  // Store

  @Override
  public void register(JobRequest request, long createdAt) {
    registered.add(request);
  }

  @Override
  public void record(JobUpdate update) {
    updates.add(update);
    String jobId = update.snapshot().jobId();
    if (update.clearProgress()) {
      transcripts.keySet().removeIf(key -> key.startsWith(jobId + "#"));
    }
    TranscriptAppend added = update.transcript();
    if (added != null) {
      String key = jobId + "#" + added.step();
      added
          .entries()
          .forEach(e -> transcripts.computeIfAbsent(key, k -> new TreeMap<>()).put(e.seq(), e));
      if (added.tools() != null) {
        stepTools.put(key, added.tools());
      }
    }
  }

  /** The stored conversation as a model sees it: long tool outputs read back whole. */
  List<ChatMessage> storedMessages(CoderTurn turn) {
    SortedMap<Integer, TranscriptEntry> stored =
        transcripts.getOrDefault(turn.jobId() + "#" + turn.step(), new TreeMap<>());
    List<ChatMessage> messages = new ArrayList<>();
    for (int seq = 0; seq < turn.transcriptSize(); seq++) {
      TranscriptEntry entry = stored.get(seq);
      if (entry == null) {
        throw new IllegalStateException("message " + seq + " of " + turn + " was never stored");
      }
      ChatMessage m = entry.message();
      messages.add(
          entry.artifactId() == null
              ? m
              : new ChatMessage(
                  m.role(),
                  artifacts.get(entry.artifactId()),
                  m.toolCalls(),
                  m.toolCallId(),
                  m.name()));
    }
    return messages;
  }

  // Coder turns by reference: routed and called with the conversation read from the store.

  @Override
  public RoutePlan route(CoderTurn turn) {
    return routeRole(
        JobRole.CODER,
        new ChatRequest("coracle", storedMessages(turn), turn.params(), null, null, true));
  }

  @Override
  public ModelAnswer call(ModelTarget target, CoderTurn turn) {
    return call(
        new ModelCall(
            target,
            storedMessages(turn),
            turn.params(),
            null,
            turn.jobId(),
            "job-coder",
            stepTools.get(turn.jobId() + "#" + turn.step())));
  }

  /** Every event the store received, in order. */
  List<JobEvent> storedEvents() {
    List<JobEvent> events = new ArrayList<>();
    updates.forEach(u -> events.addAll(u.events()));
    return events;
  }

  JobSnapshot lastSnapshot() {
    return updates.get(updates.size() - 1).snapshot();
  }

  /**
   * The step rows as the store holds them: a coder turn's write leaves them out, and the store then
   * keeps the ones written before.
   */
  List<JobStep> storedSteps() {
    for (int i = updates.size() - 1; i >= 0; i--) {
      if (!updates.get(i).stepsUnchanged()) {
        return updates.get(i).snapshot().steps();
      }
    }
    return List.of();
  }

  List<ModelCall> calls(String purpose) {
    return modelCalls.stream().filter(c -> c.requestClass().equals(purpose)).toList();
  }

  // Workspace and tools

  @Override
  public WorkspaceContext consolidate(String jobId, String workspace, String request) {
    String resolved = workspace == null ? "/workspaces/" + jobId : workspace;
    return new WorkspaceContext(resolved, "art-1", "README.md\nsrc/", 2, false);
  }

  @Override
  public JobToolset toolset(String jobId, String workspace, RequestClass requestClass) {
    return new JobToolset(
        List.of(
            new ToolDefinition("read_file", "read", "{\"type\":\"object\"}", null),
            new ToolDefinition("write_file", "write", "{\"type\":\"object\"}", null)),
        List.of("read_file"));
  }

  @Override
  public ToolResult run(ToolInvocation invocation) {
    toolRuns.add(invocation);
    ToolCall call = invocation.call();
    Matcher file = FILE.matcher(call.arguments());
    String path = file.find() ? file.group(1) : "out.txt";
    if (call.name().equals("write_file")) {
      files.put(path, "hello");
      return new ToolResult(call.id(), "wrote " + path, false, List.of(path));
    }
    String output =
        readOutputBytes > 0
            ? "x".repeat(readOutputBytes)
            : files.getOrDefault(path, "no such file");
    int preview = invocation.previewBytes();
    if (preview > 0 && output.getBytes(StandardCharsets.UTF_8).length > preview) {
      String id = "art-tool-" + artifacts.size();
      artifacts.put(id, output);
      return new ToolResult(call.id(), output.substring(0, preview), false, List.of(), id);
    }
    return new ToolResult(call.id(), output, false, List.of());
  }

  // Parser: "PLAN:goal one|goal two" is a plan; anything else is refused.

  @Override
  public PlanParse parsePlan(String raw, JobLimits limits) {
    if (raw == null || !raw.startsWith("PLAN:")) {
      return new PlanParse(null, "not a plan");
    }
    List<PlanStep> steps = new ArrayList<>();
    for (String goal : raw.substring(5).split("\\|")) {
      steps.add(new PlanStep(goal, List.of(), List.of("write_file"), "the file exists"));
    }
    return new PlanParse(new JobPlan("fake plan", steps), null);
  }

  @Override
  public Verdict parseVerdict(String raw) {
    String[] parts = raw.split(":", 2);
    return new Verdict(parts[0], "fake", parts.length > 1 ? parts[1] : null);
  }
}
