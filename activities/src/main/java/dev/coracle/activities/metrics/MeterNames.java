package dev.coracle.activities.metrics;

/**
 * The names of coracle's meters as Micrometer knows them, for readers in this process (the
 * dashboard reads {@link CoracleMetrics#registry()} by these names). Prometheus shows each with
 * dots as underscores and its unit or {@code _total} appended: {@code coracle.model.calls} is
 * {@code coracle_model_calls_total}. docs/observability.md lists their labels.
 */
public final class MeterNames {
  public static final String REQUESTS = "coracle.requests";
  public static final String MODEL_CALLS = "coracle.model.calls";
  public static final String MODEL_LATENCY = "coracle.model.latency";
  public static final String MODEL_TOKENS = "coracle.model.tokens";
  public static final String TOOL_CALLS = "coracle.tool.calls";
  public static final String CACHE_LOOKUPS = "coracle.cache.lookups";
  public static final String CLASSIFIER = "coracle.classifier";
  public static final String JOB_STEPS = "coracle.job.steps";
  public static final String JOBS_FINISHED = "coracle.jobs.finished";
  public static final String SLOT_WAIT = "coracle.llm.slot.wait";
  public static final String SLOT_QUEUE = "coracle.llm.slot.queue";
  public static final String QUOTA_REQUESTS_USED = "coracle.quota.requests.used";
  public static final String QUOTA_REQUESTS_LEFT = "coracle.quota.requests.left";
  public static final String QUOTA_TOKENS_USED = "coracle.quota.tokens.used";
  public static final String QUOTA_TOKENS_LEFT = "coracle.quota.tokens.left";
  public static final String PROVIDER_COOLDOWN = "coracle.provider.cooldown";

  private MeterNames() {}
}
