package dev.coracle.workflows;

/**
 * The four task queues. Which queue an activity runs on is how coracle keeps local models to one at
 * a time: only the {@link #LLM} queue runs local models, and its worker takes one activity at a
 * time.
 */
public final class TaskQueues {
  /** Workflow tasks and light activities: classify, route, status, store. */
  public static final String MAIN = "coracle";

  /** Every activity that runs a local model. Exactly one at a time per machine. */
  public static final String LLM = "coracle-llm";

  /** Cloud model calls and the browser fallback. */
  public static final String CLOUD = "coracle-cloud";

  /** Tool calls: files, shell, git, web, browser, MCP. */
  public static final String TOOLS = "coracle-tools";

  private TaskQueues() {}

  /**
   * The LLM slot of one machine, {@code coracle-llm@<host-id>}: local models run on the host that
   * has them, one at a time, however many worker processes that host runs.
   */
  public static String llmOf(String hostId) {
    return LLM + "@" + hostId;
  }

  /** The tools of one machine, {@code coracle-tools@<host-id>}: where a job's workspace lives. */
  public static String toolsOf(String hostId) {
    return TOOLS + "@" + hostId;
  }

  /** True for an LLM slot's queue: the shared {@link #LLM} name or one machine's. */
  public static boolean isLlmSlot(String queue) {
    return LLM.equals(queue) || (queue != null && queue.startsWith(LLM + "@"));
  }
}
