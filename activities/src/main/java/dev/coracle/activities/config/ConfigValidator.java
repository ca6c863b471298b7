package dev.coracle.activities.config;

import dev.coracle.activities.config.CoracleConfig.ProviderConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks what the records cannot: ranges, names, kinds and references between keys. */
final class ConfigValidator {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern HOST_PORT = Pattern.compile("[^:/\\s]+:\\d{1,5}");
  static final List<String> KINDS = List.of("ollama", "openai-compatible", "gemini");

  private ConfigValidator() {}

  static void validate(CoracleConfig config) {
    checkPort("server.port", config.server().port());
    require(!config.server().host().isBlank(), "server.host must not be empty");
    require(config.server().maxRequestBytes() > 0, "server.max-request-bytes must be positive");
    checkPort("temporal.embedded-port", config.temporal().embeddedPort());
    String target = config.temporal().target();
    require(
        config.temporal().embedded() || HOST_PORT.matcher(target).matches(),
        "temporal.target must be 'embedded' or host:port, not '" + target + "'");
    var recycle = config.temporal().recycle();
    require(
        recycle.afterWorkflows() >= 0 && recycle.afterMegabytes() >= 0,
        "temporal.recycle.after-workflows and after-megabytes must not be negative");
    require(recycle.handOverSeconds() > 0, "temporal.recycle.hand-over-seconds must be positive");
    require(recycle.indexSize() >= 0, "temporal.recycle.index-size must not be negative");
    require(config.store().busyTimeoutMs() >= 0, "store.busy-timeout-ms must not be negative");
    String storeUrl = config.store().url() == null ? "" : config.store().url();
    require(
        storeUrl.isBlank()
            || storeUrl.startsWith("jdbc:sqlite:")
            || storeUrl.startsWith("jdbc:postgresql://"),
        "store.url must be empty, jdbc:sqlite:<file> or jdbc:postgresql://host/database");
    require(
        config.chat().workflowTimeoutSeconds() > 0,
        "chat.workflow-timeout-seconds must be positive");
    double similarity = config.cache().similarity();
    require(similarity > 0 && similarity <= 1, "cache.similarity must be in (0, 1]");
    require(config.cache().ttlHours() > 0, "cache.ttl-hours must be positive");
    require(
        config.responses() == null || config.responses().storeTtlHours() > 0,
        "responses.store-ttl-hours must be positive");
    require(
        CoracleConfig.MetricsConfig.of(config).temporalReportSeconds() >= 0,
        "metrics.temporal-report-seconds must not be negative");
    validateTracing(CoracleConfig.TracingConfig.of(config));
    double vote = config.classifier().voteBelowConfidence();
    require(vote >= 0 && vote <= 1, "classifier.vote-below-confidence must be in [0, 1]");
    validateJobs(config);
    var ollama = config.local().ollama();
    checkTimeouts(
        "local.ollama",
        ollama.idleTimeoutSeconds(),
        ollama.totalTimeoutSeconds(),
        ollama.idleSeconds());
    Set<String> names = new HashSet<>();
    names.add("ollama");
    for (ProviderConfig provider : config.providers()) {
      validateProvider(provider, names);
    }
    validateRouting(config);
    ModelAliases.validate(config);
  }

  private static void validateJobs(CoracleConfig config) {
    var jobs = config.jobs();
    require(jobs.chatWaitSeconds() >= 0, "jobs.chat-wait-seconds must not be negative");
    require(jobs.maxSteps() > 0, "jobs.max-steps must be positive");
    require(jobs.maxTurnsPerStep() > 0, "jobs.max-turns-per-step must be positive");
    require(jobs.maxReplans() >= 0, "jobs.max-replans must not be negative");
    require(
        jobs.historyEventsBeforeContinue() >= 200,
        "jobs.history-events-before-continue must be at least 200");
    require(jobs.maxToolCalls() >= 0, "jobs.max-tool-calls must not be negative");
    require(jobs.maxTokens() >= 0, "jobs.max-tokens must not be negative");
    require(jobs.maxWallMinutes() >= 0, "jobs.max-wall-minutes must not be negative");
    require(jobs.approvalTimeoutHours() >= 0, "jobs.approval-timeout-hours must not be negative");
    require(jobs.hostWaitMinutes() > 0, "jobs.host-wait-minutes must be at least 1");
    require(
        jobs.pinnedHost() == null || HostNames.valid(jobs.pinnedHost()),
        "jobs.host-id may hold only letters, digits, '.', '-' and '_' (at most 63)");
    require(
        config.worker() == null
            || config.worker().hostId() == null
            || config.worker().hostId().isBlank()
            || HostNames.valid(config.worker().hostId().strip()),
        "worker.host-id may hold only letters, digits, '.', '-' and '_' (at most 63)");
    for (String root : jobs.workspaceRoots() == null ? List.<String>of() : jobs.workspaceRoots()) {
      require(
          root.equals("~") || root.startsWith("~/") || root.startsWith("/"),
          "jobs.workspace-roots must hold absolute paths or ~/...; got '" + root + "'");
    }
    var tools = config.tools();
    require(tools.shellTimeoutSeconds() > 0, "tools.shell-timeout-seconds must be positive");
    require(tools.outputLimitBytes() >= 1024, "tools.output-limit-bytes must be at least 1024");
    require(tools.contextLimitBytes() >= 1024, "tools.context-limit-bytes must be at least 1024");
    require(tools.readLimitBytes() >= 1024, "tools.read-limit-bytes must be at least 1024");
    require(
        tools.artifactLimitBytes() >= tools.outputLimitBytes(),
        "tools.artifact-limit-bytes must be at least tools.output-limit-bytes");
    String sandbox = tools.shell().sandbox();
    require(
        List.of("auto", "bubblewrap", "none").contains(sandbox),
        "tools.shell.sandbox must be auto, bubblewrap or none, not '" + sandbox + "'");
    var web = tools.web();
    require(web.timeoutSeconds() > 0, "tools.web.timeout-seconds must be positive");
    require(web.maxBytes() > 0, "tools.web.max-bytes must be positive");
    String search = web.search().kind();
    require(
        List.of("", "searxng", "brave").contains(search),
        "tools.web.search.kind must be searxng, brave or empty, not '" + search + "'");
    require(
        search.isEmpty() || web.search().url().startsWith("http"),
        "tools.web.search.url must be an http(s) URL when a search kind is set");
  }

  /** Every routing entry must name a configured model, so a typo fails at start, not per chat. */
  private static void validateRouting(CoracleConfig config) {
    Map<String, List<String>> lists =
        Map.of(
            "routing.fast", nullToEmpty(config.routing().fast()),
            "routing.deep", nullToEmpty(config.routing().deep()),
            "routing.research", nullToEmpty(config.routing().research()),
            "jobs.roles.refine", nullToEmpty(config.jobs().roles().refine()),
            "jobs.roles.plan", nullToEmpty(config.jobs().roles().plan()),
            "jobs.roles.coder", nullToEmpty(config.jobs().roles().coder()),
            "jobs.roles.verify", nullToEmpty(config.jobs().roles().verify()));
    Set<String> known = new HashSet<>();
    var ollama = config.local().ollama();
    if (ollama.enabled()) {
      known.add("ollama/" + ollama.reasoningModel());
      known.add("ollama/" + ollama.coderModel());
    }
    for (ProviderConfig provider : config.providers()) {
      provider.models().forEach(model -> known.add(provider.name() + "/" + model));
    }
    lists.forEach(
        (key, models) -> {
          for (String model : models) {
            require(
                known.contains(model),
                key
                    + ": '"
                    + model
                    + "' is not a configured provider/model; known: "
                    + new java.util.TreeSet<>(known));
          }
        });
  }

  private static List<String> nullToEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static void validateProvider(ProviderConfig provider, Set<String> names) {
    String name = provider.name();
    require(
        name != null && NAME.matcher(name).matches(),
        "providers: each needs a name of lower-case letters, digits, '.', '_' or '-' (got '"
            + name
            + "')");
    require(
        names.add(name),
        "providers[" + name + "]: the name is used twice (ollama is the local Ollama)");
    require(
        provider.kind() != null && KINDS.contains(provider.kind()),
        "providers["
            + name
            + "].kind must be one of "
            + KINDS
            + " (got '"
            + provider.kind()
            + "')");
    require(
        provider.baseUrl() != null && provider.baseUrl().matches("https?://.+"),
        "providers[" + name + "].base-url must be an http(s) URL");
    require(
        provider.models() != null && !provider.models().isEmpty(),
        "providers[" + name + "].models must list at least one model");
    require(
        provider.timeoutSeconds() == null || provider.timeoutSeconds() > 0,
        "providers[" + name + "].timeout-seconds must be positive");
    checkTimeouts(
        "providers[" + name + "]",
        provider.idleTimeoutSeconds(),
        provider.totalTimeoutSeconds(),
        provider.idleSeconds());
  }

  /**
   * The idle timeout bounds a silence, the total one the whole call, so a total shorter than the
   * idle timeout would make the idle timeout meaningless.
   */
  private static void checkTimeouts(String prefix, Integer idle, Integer total, int idleInForce) {
    require(idle == null || idle > 0, prefix + ".idle-timeout-seconds must be positive");
    require(total == null || total > 0, prefix + ".total-timeout-seconds must be positive");
    require(
        total == null || total >= idleInForce,
        prefix
            + ".total-timeout-seconds ("
            + total
            + ") must not be shorter than the idle timeout ("
            + idleInForce
            + ")");
  }

  private static void checkPort(String key, int port) {
    require(port >= 0 && port <= 65535, key + " must be a port number 0-65535 (got " + port + ")");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new ConfigException(message);
    }
  }

  private static void validateTracing(CoracleConfig.TracingConfig tracing) {
    double ratio = tracing.samplingRatio();
    require(ratio >= 0 && ratio <= 1, "tracing.sampling-ratio must be in [0, 1]");
    String endpoint = tracing.otlpEndpoint() == null ? "" : tracing.otlpEndpoint().strip();
    require(
        !tracing.enabled() || endpoint.startsWith("http://") || endpoint.startsWith("https://"),
        "tracing.otlp-endpoint must be an http:// or https:// URL");
    require(
        !tracing.enabled() || (tracing.serviceName() != null && !tracing.serviceName().isBlank()),
        "tracing.service-name must not be blank");
  }
}
