package dev.coracle.api.server;

import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import dev.coracle.activities.config.CoracleConfig.TracingConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.activities.route.Router;
import dev.coracle.activities.store.StoreLocation;
import dev.coracle.activities.tools.shell.SandboxStatus;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.RoutePlan;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** The short block printed once coracle is ready: where it listens and what it can use. */
public final class StartupSummary {
  private StartupSummary() {}

  public static String describe(CoracleServer server, Duration startup) {
    var loaded = server.loaded();
    var context = server.context();
    String base = "http://" + server.httpHost() + ":" + server.httpPort();
    StringBuilder out = new StringBuilder();
    out.append("coracle ready in ").append(startup.toMillis()).append(" ms\n");
    line(out, "OpenAI API", base + "/v1  (model: coracle)");
    line(out, "access", access(loaded.config().server()));
    line(out, "Temporal", server.temporal().description());
    whereFrom(out, loaded);
    models(out, context);
    return out.toString();
  }

  private static void whereFrom(StringBuilder out, LoadedConfig loaded) {
    line(out, "store", StoreLocation.of(loaded).describe());
    TracingConfig tracing = TracingConfig.of(loaded.config());
    if (tracing.enabled()) {
      line(
          out,
          "tracing",
          "OTLP/HTTP to "
              + withoutUserInfo(tracing.otlpEndpoint())
              + " as service "
              + tracing.serviceName().strip());
    }
    line(
        out,
        "config",
        loaded.file() + (Files.isRegularFile(loaded.file()) ? "" : " (absent: built-in defaults)"));
  }

  /** The providers, the sandbox and what coracle would answer with now. */
  private static void models(StringBuilder out, ApplicationContext context) {
    ProviderCatalog catalog = context.getBean(ProviderCatalog.class);
    ProviderHealth health = context.getBean(ProviderHealth.class);
    Router router = context.getBean(Router.class);
    List<ConfiguredProvider> providers = catalog.all();
    if (providers.isEmpty()) {
      line(out, "providers", "none configured");
    }
    for (int i = 0; i < providers.size(); i++) {
      ConfiguredProvider provider = providers.get(i);
      line(
          out,
          i == 0 ? "providers" : "",
          provider.name() + ": " + state(provider, health) + " " + provider.models());
    }
    line(out, "sandbox", context.getBean(SandboxStatus.class).summary());
    RoutePlan quick = plan(router, RequestClass.FAST);
    if (quick.candidates().isEmpty()) {
      line(out, "coracle uses", "nothing yet: " + quick.unavailable());
      line(out, "", "start Ollama (ollama serve) or set a provider's API key, then restart");
    } else {
      line(
          out,
          "coracle uses",
          first(quick)
              + " for quick answers, "
              + first(plan(router, RequestClass.DEEP))
              + " for deep work");
    }
  }

  /**
   * Who may call: web pages never (Host and Origin checks); other programs with or without a key.
   */
  private static String access(ServerConfig server) {
    return server.hasApiKey()
        ? "API key required (server.api-key) on every route but /health; web pages refused"
        : "no API key: any program on this machine may call; web pages refused";
  }

  private static String state(ConfiguredProvider provider, ProviderHealth health) {
    var credentials = provider.credentialProblem();
    if (credentials.isPresent()) {
      return credentials.get();
    }
    ProviderHealth.Check check = health.check(provider);
    if (!check.reachable()) {
      return check.detail();
    }
    return provider.local() ? "local, " + check.detail() : "key set";
  }

  private static RoutePlan plan(Router router, RequestClass requestClass) {
    ChatRequest probe =
        new ChatRequest(ModelProfiles.DEFAULT, List.of(), SamplingParams.defaults(), null);
    return router.route(probe, Classification.forced(requestClass, "start-up summary"));
  }

  private static String first(RoutePlan plan) {
    return plan.candidates().isEmpty() ? "nothing" : plan.candidates().get(0).qualifiedName();
  }

  /** The endpoint as it may be printed: a {@code user:password@} in it stays out of the output. */
  private static String withoutUserInfo(String endpoint) {
    try {
      URI uri = URI.create(endpoint.strip());
      return uri.getRawUserInfo() == null
          ? uri.toString()
          : new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
              .toString();
    } catch (IllegalArgumentException | URISyntaxException e) {
      return "the configured endpoint";
    }
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("  %-13s %s%n", label, value));
  }

  // The split roles: each says what it is, what it reaches and what it waits for.

  /** {@code coracle api}: the doors, with no worker in the process. */
  public static String describe(ApiRole api, Duration startup) {
    LoadedConfig loaded = api.loaded();
    StringBuilder out = new StringBuilder();
    out.append("coracle api ready in ").append(startup.toMillis()).append(" ms\n");
    String base = "http://" + loaded.config().server().host() + ":" + api.httpPort();
    line(out, "OpenAI API", base + "/v1  (model: coracle)");
    line(out, "access", access(loaded.config().server()));
    line(out, "Temporal", api.temporal().description());
    line(out, "workers", "none in this process: requests wait until a 'coracle worker' polls");
    whereFrom(out, loaded);
    return out.toString();
  }

  /** {@code coracle worker}: its host, its queues and whether it holds the LLM slot. */
  public static String describe(WorkerRole worker, Duration startup) {
    LoadedConfig loaded = worker.loaded();
    String host = worker.host().hostId();
    StringBuilder out = new StringBuilder();
    out.append("coracle worker ready in ").append(startup.toMillis()).append(" ms\n");
    line(out, "host id", host + "  (worker.host-id)");
    line(out, "queues", TaskQueues.MAIN + ", " + TaskQueues.CLOUD + ", " + TaskQueues.TOOLS);
    line(out, "", TaskQueues.toolsOf(host) + " (this host's jobs)");
    line(
        out,
        "LLM slot",
        TaskQueues.llmOf(host)
            + (worker.host().lease().held()
                ? ", polled here (this process holds " + worker.host().lease().file() + ")"
                : ", standing by: another worker of " + host + " holds it"));
    line(out, "Temporal", worker.temporal().description());
    line(out, "HTTP", "none (health: temporal task-queue describe --task-queue coracle)");
    whereFrom(out, loaded);
    models(out, worker.context());
    return out.toString();
  }

  /** {@code coracle temporal}: where the roles connect, and what it does not do. */
  public static String describe(TemporalRole temporal, String namespace, Duration startup) {
    StringBuilder out = new StringBuilder();
    out.append("coracle temporal ready in ").append(startup.toMillis()).append(" ms\n");
    line(out, "Temporal", temporal.address() + " namespace " + namespace + " (no TLS, no auth)");
    line(out, "connect", "coracle api --temporal " + temporal.address());
    line(out, "", "coracle worker --temporal " + temporal.address());
    line(out, "keeps", "every workflow in memory until it stops; not recycled, not durable");
    return out.toString();
  }
}
