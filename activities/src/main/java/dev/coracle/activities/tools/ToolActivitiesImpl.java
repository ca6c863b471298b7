package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.guard.Guardrails;
import dev.coracle.activities.heartbeat.SteadyHeartbeat;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.workspace.Utf8Text;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.job.JobToolset;
import dev.coracle.workflows.job.ToolActivities;
import dev.coracle.workflows.job.ToolInvocation;
import dev.coracle.workflows.job.ToolResult;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Runs a job's tool calls. Whatever the model got wrong comes back to it as an error result it can
 * act on; only failures of coracle itself (the store) fail the activity, for Temporal to retry.
 */
@Singleton
public class ToolActivitiesImpl implements ToolActivities {

  /** The audit's provider column for tool calls; the model column holds the tool's name. */
  static final String PROVIDER = "tool";

  static final String OK = AuditEntry.OK;
  static final String ERROR = "error";

  /** Tool calls belong to coding jobs. */
  private static final String REQUEST_CLASS = "job";

  private final ToolRegistry registry;
  private final ArtifactStore artifacts;
  private final AuditLog audit;
  private final OutputLimit limit;
  private final Guardrails guard;
  private final CoracleMetrics metrics;

  public ToolActivitiesImpl(
      ToolRegistry registry,
      ArtifactStore artifacts,
      AuditLog audit,
      LoadedConfig loaded,
      Guardrails guard,
      CoracleMetrics metrics) {
    this.registry = registry;
    this.artifacts = artifacts;
    this.audit = audit;
    this.guard = guard;
    this.metrics = metrics;
    ToolsConfig tools = ToolSettings.of(loaded);
    this.limit = new OutputLimit(artifacts, tools.outputLimitBytes(), tools.artifactLimitBytes());
  }

  @Override
  public JobToolset toolset(String jobId, String workspace, RequestClass requestClass) {
    return registry.toolset(requestClass);
  }

  @Override
  public ToolResult run(ToolInvocation invocation) {
    long started = System.nanoTime();
    ToolCall call = invocation.call();
    String name = call.name() == null ? "" : call.name();
    String workflowId = workflowId(invocation);
    ToolOutput output;
    // A shell command may run for minutes: the beat lets Temporal tell a slow call from a dead
    // worker (ActivityOptionsCatalog.toolCall sets the heartbeat timeout).
    try (SteadyHeartbeat alive = SteadyHeartbeat.start()) {
      output = runSafely(invocation, name);
    }
    // Flagged after the cap: the scan looks at exactly what the model will read, and the notice
    // can neither be cut off nor end up inside the stored full output.
    String text =
        guard.flagToolOutput(
            name, limit.fit(invocation.jobId(), name, output.text()), workflowId, REQUEST_CLASS);
    long millis = (System.nanoTime() - started) / 1_000_000;
    audit.record(
        workflowId,
        REQUEST_CLASS,
        PROVIDER,
        name,
        output.error() ? ERROR : OK,
        0,
        0,
        millis,
        output.error() ? detail(output.text()) : null);
    metrics.toolCall(
        registry.find(name).isPresent() ? name : CoracleMetrics.OTHER, output.error(), millis);
    return result(invocation, text, output);
  }

  /**
   * The result for the workflow. When the invocation asks for it, a text longer than its preview is
   * stored as an artifact and only its start goes back, so the job's history stays small; the
   * coder's next turn reads the whole text from the store.
   */
  private ToolResult result(ToolInvocation invocation, String text, ToolOutput output) {
    String callId = invocation.call().id();
    int preview = invocation.previewBytes();
    if (preview <= 0 || Utf8Text.bytes(text) <= preview) {
      return new ToolResult(callId, text, output.error(), output.changedFiles());
    }
    String id =
        artifacts.put(
            invocation.jobId(),
            Artifact.TOOL_OUTPUT,
            invocation.call().name() == null ? "" : invocation.call().name(),
            Artifact.TEXT,
            Utf8Text.encode(text));
    return new ToolResult(
        callId, Utf8Text.head(text, preview), output.error(), output.changedFiles(), id);
  }

  private ToolOutput runSafely(ToolInvocation invocation, String name) {
    try {
      Tool tool =
          registry
              .find(name)
              .orElseThrow(
                  () ->
                      new ToolException(
                          "There is no tool \""
                              + name
                              + "\". The tools are: "
                              + String.join(", ", registry.all().stream().map(Tool::name).toList())
                              + "."));
      JsonNode args = ToolArgs.parse(name, invocation.call().arguments());
      ToolContext context =
          ToolContext.of(invocation.jobId(), invocation.step(), workspace(invocation));
      return tool.run(context, args);
    } catch (ToolException e) {
      return ToolOutput.error(e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      // A file-system error is about the call (a missing file, a permission); the model is told.
      return ToolOutput.error(name + " failed: " + describe(e));
    }
  }

  private static Path workspace(ToolInvocation invocation) {
    if (invocation.workspace() == null || invocation.workspace().isBlank()) {
      throw new ToolException("The job has no workspace yet.");
    }
    return Path.of(invocation.workspace());
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The first line of an error, short enough for the audit table. */
  private static String detail(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  /**
   * The workflow the call belongs to. Outside an activity (a direct call in a test) the job id
   * stands in, which is also what a job's workflow id is.
   */
  private static String workflowId(ToolInvocation invocation) {
    try {
      return Activity.getExecutionContext().getInfo().getWorkflowId();
    } catch (IllegalStateException notInAnActivity) {
      return invocation.jobId();
    }
  }
}
