package dev.coracle.api.server;

import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.model.ProviderHealth;
import dev.coracle.activities.route.Router;
import dev.coracle.activities.store.StoreLocation;
import dev.coracle.activities.tools.shell.SandboxStatus;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.RoutePlan;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** The short block printed once coracle is ready: where it listens and what it can use. */
public final class StartupSummary {
  private StartupSummary() {}

  public static String describe(CoracleServer server, Duration startup) {
    var loaded = server.loaded();
    var context = server.context();
    ProviderCatalog catalog = context.getBean(ProviderCatalog.class);
    ProviderHealth health = context.getBean(ProviderHealth.class);
    Router router = context.getBean(Router.class);
    String base = "http://" + server.httpHost() + ":" + server.httpPort();
    StringBuilder out = new StringBuilder();
    out.append("coracle ready in ").append(startup.toMillis()).append(" ms\n");
    line(out, "OpenAI API", base + "/v1  (model: coracle)");
    line(out, "access", access(loaded.config().server()));
    line(out, "Temporal", server.temporal().description());
    line(out, "store", StoreLocation.of(loaded).describe());
    line(
        out,
        "config",
        loaded.file() + (Files.isRegularFile(loaded.file()) ? "" : " (absent: built-in defaults)"));
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
    return out.toString();
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

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("  %-13s %s%n", label, value));
  }
}
