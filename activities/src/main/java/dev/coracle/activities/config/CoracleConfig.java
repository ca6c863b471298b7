package dev.coracle.activities.config;

import dev.coracle.workflows.job.JobLimits;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code coracle.yml} can say. Every section has defaults, so an empty or missing file
 * is a working configuration. See docs/configuration.md for each key.
 */
public record CoracleConfig(
    ServerConfig server,
    TemporalConfig temporal,
    StoreConfig store,
    LocalConfig local,
    List<ProviderConfig> providers,
    ChatConfig chat,
    RoutingConfig routing,
    ClassifierConfig classifier,
    CacheConfig cache,
    BrowserConfig browser,
    JobsConfig jobs,
    ToolsConfig tools,
    GuardConfig guard,
    ModelsConfig models,
    ResponsesConfig responses,
    WorkerConfig worker,
    MetricsConfig metrics,
    TracingConfig tracing) {

  public CoracleConfig(
      ServerConfig server,
      TemporalConfig temporal,
      StoreConfig store,
      LocalConfig local,
      List<ProviderConfig> providers,
      ChatConfig chat,
      RoutingConfig routing,
      ClassifierConfig classifier,
      CacheConfig cache,
      BrowserConfig browser,
      JobsConfig jobs,
      ToolsConfig tools,
      GuardConfig guard,
      ModelsConfig models,
      ResponsesConfig responses,
      WorkerConfig worker,
      MetricsConfig metrics) {
    this(
        server,
        temporal,
        store,
        local,
        providers,
        chat,
        routing,
        classifier,
        cache,
        browser,
        jobs,
        tools,
        guard,
        models,
        responses,
        worker,
        metrics,
        null);
  }

  public CoracleConfig(
      ServerConfig server,
      TemporalConfig temporal,
      StoreConfig store,
      LocalConfig local,
      List<ProviderConfig> providers,
      ChatConfig chat,
      RoutingConfig routing,
      ClassifierConfig classifier,
      CacheConfig cache,
      BrowserConfig browser,
      JobsConfig jobs,
      ToolsConfig tools,
      GuardConfig guard,
      ModelsConfig models,
      ResponsesConfig responses) {
    this(
        server,
        temporal,
        store,
        local,
        providers,
        chat,
        routing,
        classifier,
        cache,
        browser,
        jobs,
        tools,
        guard,
        models,
        responses,
        null);
  }

  public CoracleConfig(
      ServerConfig server,
      TemporalConfig temporal,
      StoreConfig store,
      LocalConfig local,
      List<ProviderConfig> providers,
      ChatConfig chat,
      RoutingConfig routing,
      ClassifierConfig classifier,
      CacheConfig cache,
      BrowserConfig browser,
      JobsConfig jobs,
      ToolsConfig tools,
      GuardConfig guard,
      ModelsConfig models,
      ResponsesConfig responses,
      WorkerConfig worker) {
    this(
        server,
        temporal,
        store,
        local,
        providers,
        chat,
        routing,
        classifier,
        cache,
        browser,
        jobs,
        tools,
        guard,
        models,
        responses,
        worker,
        null);
  }

  public CoracleConfig(
      ServerConfig server,
      TemporalConfig temporal,
      StoreConfig store,
      LocalConfig local,
      List<ProviderConfig> providers,
      ChatConfig chat,
      RoutingConfig routing,
      ClassifierConfig classifier,
      CacheConfig cache,
      BrowserConfig browser) {
    this(
        server,
        temporal,
        store,
        local,
        providers,
        chat,
        routing,
        classifier,
        cache,
        browser,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The HTTP API.
   *
   * @param apiKey when not blank, every route but {@code GET /health} needs this key
   * @param allowedHosts names ({@code name} or {@code name:port}) accepted in the {@code Host}
   *     header besides the loopback names and {@code host} itself
   */
  public record ServerConfig(
      String host, int port, long maxRequestBytes, String apiKey, List<String> allowedHosts) {

    public boolean hasApiKey() {
      return apiKey != null && !apiKey.isBlank();
    }

    public List<String> allowedHosts() {
      return allowedHosts == null ? List.of() : allowedHosts;
    }
  }

  /**
   * Where workflows run: {@code embedded} starts Temporal's test server inside coracle; anything
   * else is the {@code host:port} of an existing cluster. {@code uiUrl}, when set, is that
   * cluster's web UI, which the dashboard links each workflow to.
   */
  public record TemporalConfig(
      String target,
      String namespace,
      int embeddedPort,
      RecycleConfig recycle,
      TemporalTls tls,
      String apiKey,
      String uiUrl) {
    public TemporalConfig {
      recycle = recycle == null ? RecycleConfig.DEFAULTS : recycle;
      tls = tls == null ? TemporalTls.NONE : tls;
    }

    public TemporalConfig(String target, String namespace, int embeddedPort) {
      this(target, namespace, embeddedPort, null, null, null, null);
    }

    public TemporalConfig(
        String target, String namespace, int embeddedPort, RecycleConfig recycle) {
      this(target, namespace, embeddedPort, recycle, null, null, null);
    }

    /** True when calls to Temporal carry an API key (Temporal Cloud); TLS is then always on. */
    public boolean hasApiKey() {
      return apiKey != null && !apiKey.isBlank();
    }

    public boolean embedded() {
      return "embedded".equals(target);
    }
  }

  /**
   * TLS to an external Temporal cluster. With {@code certFile} and {@code keyFile} (PEM, PKCS#8
   * key) coracle authenticates itself (mTLS); {@code caFile} trusts a private CA instead of the
   * system's.
   *
   * @param enabled TLS without a client certificate (also implied by the files or an API key)
   * @param serverName the name to check the server's certificate against, when it differs from the
   *     target's host
   */
  public record TemporalTls(
      boolean enabled, String certFile, String keyFile, String caFile, String serverName) {
    public static final TemporalTls NONE = new TemporalTls(false, "", "", "", "");

    /** True when a client certificate and key are configured. */
    public boolean mutual() {
      return certFile != null && !certFile.isBlank() && keyFile != null && !keyFile.isBlank();
    }

    /** True when connections use TLS at all. */
    public boolean on() {
      return enabled || mutual() || (caFile != null && !caFile.isBlank());
    }
  }

  /**
   * When coracle replaces the embedded Temporal server with a fresh one, which is what bounds the
   * memory it holds: the test server keeps every workflow it ran. Either threshold triggers a
   * recycle; 0 turns that threshold off.
   *
   * @param afterWorkflows workflows started on the current server
   * @param afterMegabytes the estimated heap the current server holds for its workflows, in MB
   * @param handOverSeconds how long a running job has to reach a safe point before it is stopped
   *     and resumed as after a crash
   * @param indexSize how many recent workflows of closed servers {@code temporal workflow list}
   *     still shows (kept in the store)
   */
  public record RecycleConfig(
      long afterWorkflows, long afterMegabytes, int handOverSeconds, int indexSize) {
    public static final RecycleConfig DEFAULTS = new RecycleConfig(5_000, 128, 600, 5_000);
  }

  /**
   * The store.
   *
   * @param path the SQLite file when {@code url} is empty; empty means {@code
   *     $CORACLE_HOME/coracle.db}
   * @param busyTimeoutMs how long a SQLite write waits for another writer
   * @param url empty, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/database}
   * @param username the PostgreSQL user, unless the URL names it
   * @param password the PostgreSQL password: only from the environment, e.g. {@code
   *     ${CORACLE_STORE_PASSWORD}}
   */
  public record StoreConfig(
      String path, int busyTimeoutMs, String url, String username, String password) {
    public StoreConfig(String path, int busyTimeoutMs) {
      this(path, busyTimeoutMs, "", "", "");
    }
  }

  /** Models that run on this machine, through the single LLM slot. */
  public record LocalConfig(OllamaConfig ollama) {}

  /** The local Ollama server and the two models coracle uses on it. */
  /**
   * @param keepAlive how long Ollama keeps the resident model loaded after a call (Ollama's {@code
   *     keep_alive}, e.g. {@code 5m}); another local model is only loaded after it is unloaded
   * @param minFreeRamMb coracle does not load a local model while less memory than this is free
   */
  public record OllamaConfig(
      boolean enabled,
      String baseUrl,
      String reasoningModel,
      String coderModel,
      int timeoutSeconds,
      String keepAlive,
      int minFreeRamMb,
      Integer idleTimeoutSeconds,
      Integer totalTimeoutSeconds) {

    public OllamaConfig(
        boolean enabled,
        String baseUrl,
        String reasoningModel,
        String coderModel,
        int timeoutSeconds,
        String keepAlive,
        int minFreeRamMb) {
      this(
          enabled,
          baseUrl,
          reasoningModel,
          coderModel,
          timeoutSeconds,
          keepAlive,
          minFreeRamMb,
          null,
          null);
    }

    /** {@code idle-timeout-seconds}, else the older {@code timeout-seconds}. */
    public int idleSeconds() {
      return idleTimeoutSeconds != null ? idleTimeoutSeconds : timeoutSeconds;
    }
  }

  /**
   * A model provider. {@code local} says whether it runs on this machine (and so must go through
   * the single LLM slot); when absent it is true for {@code ollama} and false otherwise.
   */
  public record ProviderConfig(
      String name,
      String kind,
      String baseUrl,
      String apiKey,
      List<String> models,
      Boolean local,
      Integer timeoutSeconds,
      String catalog,
      Map<String, LimitsConfig> limits,
      Integer idleTimeoutSeconds,
      Integer totalTimeoutSeconds) {

    /** Without either key: two minutes, as when {@code timeout-seconds} was the only timeout. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

    /**
     * {@code idle-timeout-seconds}, else the older {@code timeout-seconds}, else {@link
     * #DEFAULT_IDLE_TIMEOUT_SECONDS}.
     */
    public int idleSeconds() {
      if (idleTimeoutSeconds != null) {
        return idleTimeoutSeconds;
      }
      return timeoutSeconds != null ? timeoutSeconds : DEFAULT_IDLE_TIMEOUT_SECONDS;
    }

    public boolean runsLocally() {
      return local != null ? local : "ollama".equals(kind);
    }

    /**
     * The entry of the shipped free-tier catalog this provider uses: {@code catalog} or its name.
     */
    public String catalogName() {
      return catalog != null && !catalog.isBlank() ? catalog : name;
    }
  }

  /**
   * Free-tier limits of one model ({@code *} for all of a provider's models), overriding the
   * shipped catalog. A null field keeps the catalog's value; 0 means "no such limit".
   */
  public record LimitsConfig(
      Integer requestsPerMinute,
      Integer requestsPerHour,
      Integer requestsPerDay,
      Integer tokensPerMinute,
      Integer tokensPerDay) {}

  /**
   * The last resort: a headless browser driving a chat web UI with the user's own session. Off by
   * default, and enabled per site.
   */
  public record BrowserConfig(
      boolean enabled, String chromium, int timeoutSeconds, List<BrowserSite> sites) {}

  /**
   * One chat site, described by CSS selectors so a changed web UI needs a config edit, not a
   * release.
   */
  public record BrowserSite(
      String name,
      boolean enabled,
      String url,
      String input,
      String send,
      String response,
      String done,
      String rateLimit,
      String signedOut) {}

  /** Chat behaviour. */
  public record ChatConfig(int workflowTimeoutSeconds, int healthCheckSeconds) {}

  /**
   * Which models serve each class, best first, as {@code provider/model} names. An empty list keeps
   * coracle's default order (local first for fast, cloud first for deep and research).
   */
  public record RoutingConfig(List<String> fast, List<String> deep, List<String> research) {}

  /**
   * The classifier. Rules and the in-process embedding classifier always run; when their confidence
   * is below {@code voteBelowConfidence} and a local model is available, the local model votes on
   * the LLM slot (if {@code llmVote} is on).
   */
  public record ClassifierConfig(boolean llmVote, double voteBelowConfidence) {}

  /**
   * The semantic cache for requests without tools: a paraphrase of an earlier question with the
   * same earlier turns and model gets the earlier answer.
   */
  public record CacheConfig(
      boolean enabled, double similarity, int ttlHours, double maxTemperature) {}

  /**
   * Coding jobs.
   *
   * @param fromChat true when a deep or research chat request starts a job; false answers it once
   * @param workspaces where jobs without a workspace get a fresh directory; empty means {@code
   *     $CORACLE_HOME/workspaces}
   * @param chatWaitSeconds how long a non-streamed chat that started a job waits for it before
   *     answering with the job id and how to follow it
   * @param maxSteps the most steps one plan may have
   * @param maxTurnsPerStep coder turns in one step before the step fails
   * @param maxReplans how often the verifier may send a job back to planning
   * @param historyEventsBeforeContinue history length past which a job continues as new
   * @param roles an order of {@code provider/model} names per role, overriding the defaults
   * @param maxToolCalls tool calls over a whole job before it is stopped; 0 for no bound
   * @param maxTokens model tokens over a whole job before it is stopped; 0 for no bound
   * @param maxWallMinutes minutes after its start a job is stopped; 0 for no bound
   * @param workspaceRoots the directories a job's workspace must be strictly inside; {@code ~}
   *     stands for the user's home directory
   * @param approvePlans true when every job waits after planning until its plan is approved
   * @param approvalTimeoutHours hours a plan waits for approval before its job is cancelled; 0 for
   *     no bound
   * @param hostWaitMinutes minutes a job waits for a worker of its host before it fails
   * @param hostId the host ({@code worker.host-id}) new jobs are pinned to; empty for the host of
   *     the worker that first runs the job
   */
  public record JobsConfig(
      boolean fromChat,
      String workspaces,
      int chatWaitSeconds,
      int maxSteps,
      int maxTurnsPerStep,
      int maxReplans,
      int historyEventsBeforeContinue,
      JobRolesConfig roles,
      int maxToolCalls,
      long maxTokens,
      int maxWallMinutes,
      List<String> workspaceRoots,
      boolean approvePlans,
      int approvalTimeoutHours,
      int hostWaitMinutes,
      String hostId) {

    /** The host new jobs are pinned to, or null when their first worker picks its own. */
    public String pinnedHost() {
      return hostId == null || hostId.isBlank() ? null : hostId.strip();
    }

    /** The limits a new job starts with. */
    public JobLimits limits() {
      return new JobLimits(
          maxSteps,
          maxTurnsPerStep,
          maxReplans,
          historyEventsBeforeContinue,
          maxToolCalls,
          maxTokens,
          maxWallMinutes,
          approvePlans,
          approvalTimeoutHours,
          hostWaitMinutes);
    }
  }

  /** Per-role model orders for jobs; an empty list keeps the default order for that role. */
  public record JobRolesConfig(
      List<String> refine, List<String> plan, List<String> coder, List<String> verify) {}

  /**
   * The tools a job's coder runs.
   *
   * @param shellTimeoutSeconds how long one shell command may run before it is killed
   * @param outputLimitBytes the most output one tool call returns to the model
   * @param contextLimitBytes the size bound of the workspace snapshot in prompts
   * @param readLimitBytes the most of a file one {@code read_file} call returns
   * @param artifactLimitBytes the most of a tool's cut output that is kept as an artifact
   */
  public record ToolsConfig(
      int shellTimeoutSeconds,
      int outputLimitBytes,
      int contextLimitBytes,
      int readLimitBytes,
      int artifactLimitBytes,
      ShellConfig shell,
      WebConfig web) {}

  /**
   * What {@code run_shell} may run.
   *
   * @param allow programs that may run (by name, e.g. {@code python3}); empty means any program not
   *     denied
   * @param deny programs that never run, whatever {@code allow} says
   * @param sandbox {@code auto} (bubblewrap when it is installed and works, else run_shell is
   *     refused), {@code bubblewrap} (required) or {@code none} (process limits only)
   * @param bwrap the bubblewrap program; empty means {@code bwrap} on PATH
   */
  public record ShellConfig(List<String> allow, List<String> deny, String sandbox, String bwrap) {}

  /**
   * The web tools.
   *
   * @param allowHosts {@code host:port} entries (host names, {@code *.suffix}es, IP addresses or
   *     CIDR ranges) that the web tools may reach even though they are loopback, private or
   *     link-local (e.g. a local docs server); without a port, ports 80 and 443 only
   * @param timeoutSeconds limit for one fetch
   * @param maxBytes the most bytes one fetch downloads
   * @param search where {@code web_search} sends queries
   */
  public record WebConfig(
      List<String> allowHosts, int timeoutSeconds, long maxBytes, SearchConfig search) {}

  /**
   * A search provider for {@code web_search}.
   *
   * @param kind {@code searxng} (a SearXNG instance's JSON API), {@code brave} (Brave Search API)
   *     or empty for no search tool
   * @param url the provider's base URL
   * @param apiKey only as a {@code ${VAR}} reference
   */
  public record SearchConfig(String kind, String url, String apiKey) {}

  /**
   * Guardrails on what leaves the machine and what comes back from tools.
   *
   * @param redactSecrets API keys, tokens, private keys and {@code .env} values are replaced before
   *     a request goes to a cloud provider or the browser fallback
   * @param redactPii e-mail addresses, phone numbers and card numbers (Luhn-checked) are replaced
   *     too
   * @param flagInjections tool outputs that look like prompt injection are marked for the model and
   *     audited
   */
  public record GuardConfig(boolean redactSecrets, boolean redactPii, boolean flagInjections) {}

  /**
   * The Responses API door ({@code /v1/responses}).
   *
   * @param storeTtlHours how long a stored response (one sent with {@code store} true or absent)
   *     can be read back or continued with {@code previous_response_id}; older rows are purged
   */
  public record ResponsesConfig(int storeTtlHours) {

    /** The defaults, for a configuration built without this section. */
    public static final ResponsesConfig DEFAULTS = new ResponsesConfig(720);
  }

  /**
   * This process as a worker: which machine it is, for the per-host queues.
   *
   * @param hostId the machine's name in queue names ({@code coracle-llm@<host-id>}); empty means
   *     the hostname. Workers with the same host id share that host's queues and its single LLM
   *     slot.
   * @param slotLockDir where the workers of one host take turns holding the LLM slot (a lock file
   *     per host id); empty means {@code $CORACLE_HOME/locks}
   */
  public record WorkerConfig(String hostId, String slotLockDir) {
    public static final WorkerConfig DEFAULTS = new WorkerConfig("", "");

    /** The host id, or the hostname when none is configured. */
    public String resolvedHostId() {
      return hostId == null || hostId.isBlank() ? HostNames.local() : hostId.strip();
    }
  }

  /**
   * {@code GET /metrics} (see docs/observability.md).
   *
   * @param enabled when false, nothing is measured and {@code /metrics} answers 404
   * @param temporalReportSeconds how often the Temporal SDK's own meters (and the workflow counts
   *     taken inside the worker) are copied to {@code /metrics}; 0 leaves the SDK's meters out
   */
  public record MetricsConfig(boolean enabled, int temporalReportSeconds) {

    /** The defaults, for a configuration built without this section. */
    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, 10);

    /** The section of {@code config}, or the defaults when it has none. */
    public static MetricsConfig of(CoracleConfig config) {
      return config.metrics() == null ? DEFAULTS : config.metrics();
    }
  }

  /**
   * OpenTelemetry tracing over OTLP/HTTP (see docs/observability.md#tracing). Off by default; while
   * off, no OpenTelemetry class is loaded.
   *
   * @param enabled when true, HTTP requests, workflow starts and runs, and activities are traced
   * @param otlpEndpoint the OTLP/HTTP base URL; spans are posted (protobuf) to {@code
   *     <endpoint>/v1/traces}
   * @param serviceName the {@code service.name} resource attribute of every span
   * @param samplingRatio the share of new traces recorded, in [0, 1]; a request that carries a
   *     sampled {@code traceparent} is always recorded
   */
  public record TracingConfig(
      boolean enabled, String otlpEndpoint, String serviceName, double samplingRatio) {

    /** The defaults, for a configuration built without this section. */
    public static final TracingConfig DEFAULTS =
        new TracingConfig(false, "http://127.0.0.1:4318", "coracle", 1.0);

    /** The section of {@code config}, or the defaults when it has none. */
    public static TracingConfig of(CoracleConfig config) {
      return config.tracing() == null ? DEFAULTS : config.tracing();
    }
  }
}
