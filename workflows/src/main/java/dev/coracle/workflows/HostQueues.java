package dev.coracle.workflows;

import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * The queues of one machine: its LLM slot and its tools. A job runs its local models and its tools
 * on the host that holds its workspace; a chat runs its local model on the host whose worker took
 * it. Without a host ({@link #SHARED}) the shared queue names of earlier versions are used, which
 * is what keeps recorded histories replaying unchanged.
 *
 * @param hostId the machine's {@code worker.host-id}, or null for the shared queues
 */
public record HostQueues(String hostId) {
  /** The shared {@code coracle-llm} and {@code coracle-tools} queues of histories before hosts. */
  public static final HostQueues SHARED = new HostQueues(null);

  /**
   * The host whose worker runs this workflow task, recorded in the history so that a replay on
   * another machine picks the same host. Workflows started before {@code changeId} existed, and
   * workers that name no host, keep the shared queues.
   */
  public static HostQueues ofThisWorker(String workerHostId, String changeId) {
    if (workerHostId == null || Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) < 1) {
      return SHARED;
    }
    return new HostQueues(Workflow.sideEffect(String.class, () -> workerHostId));
  }

  public boolean pinned() {
    return hostId != null;
  }

  /** {@code coracle-llm@<host>}, or the shared {@code coracle-llm}. */
  public String llm() {
    return pinned() ? TaskQueues.llmOf(hostId) : TaskQueues.LLM;
  }

  /** {@code coracle-tools@<host>}, or the shared {@code coracle-tools}. */
  public String tools() {
    return pinned() ? TaskQueues.toolsOf(hostId) : TaskQueues.TOOLS;
  }

  /** The plan with its local candidates on this host's LLM slot; cloud ones are unchanged. */
  public RoutePlan pin(RoutePlan plan) {
    if (!pinned()) {
      return plan;
    }
    return new RoutePlan(
        plan.candidates().stream().map(target -> target.onSlot(llm())).toList(),
        plan.unavailable(),
        plan.skipped());
  }

  /** True when the plan has a candidate that needs an LLM slot. */
  public static boolean needsSlot(RoutePlan plan) {
    return plan.candidates().stream().anyMatch(ModelTarget::local);
  }

  /** {@code options} moved to this host's tools queue. */
  public ActivityOptions onTools(ActivityOptions options) {
    return pinned() ? ActivityOptions.newBuilder(options).setTaskQueue(tools()).build() : options;
  }

  /** {@code options} moved to this host's LLM slot. */
  public ActivityOptions onSlot(ActivityOptions options) {
    return pinned() ? ActivityOptions.newBuilder(options).setTaskQueue(llm()).build() : options;
  }
}
