package dev.coracle.api;

import dev.coracle.api.server.StartupSummary;
import dev.coracle.api.server.WorkerRole;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coracle worker}: polls the queues of an external Temporal; no HTTP port. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Run a worker only: the shared queues, and this host's LLM slot and tools"
            + " (coracle-llm@HOST-ID, coracle-tools@HOST-ID). Needs --temporal.")
final class WorkerCommand implements Callable<Integer> {
  @Mixin RoleOptions role;

  @Override
  public Integer call() {
    return RoleLifecycle.run(
        () -> WorkerRole.start(role.load(Map.of())), StartupSummary::describe, "draining");
  }
}
