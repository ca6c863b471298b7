package dev.coracle.api;

import dev.coracle.api.server.CoracleServer;
import dev.coracle.api.server.StartupSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coracle serve}: the whole of coracle in one process, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run coracle: Temporal (embedded by default), the worker and the OpenAI API.")
final class ServeCommand implements Callable<Integer> {
  static final int EXIT_STARTUP_FAILED = RoleLifecycle.EXIT_STARTUP_FAILED;
  static final int EXIT_STOPPED_AT_ONCE = RoleLifecycle.EXIT_STOPPED_AT_ONCE;

  @Mixin RoleOptions role;
  @Mixin HttpOptions http;

  @Override
  public Integer call() {
    return RoleLifecycle.run(
        () -> CoracleServer.start(role.load(http.variables())),
        StartupSummary::describe,
        "draining the worker");
  }
}
