package dev.coracle.api;

import dev.coracle.api.server.ApiRole;
import dev.coracle.api.server.StartupSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coracle api}: the HTTP doors alone, on an external Temporal; no worker. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description =
        "Run the HTTP API only: it starts workflows and answers queries; 'coracle worker'"
            + " processes run them. Needs --temporal.")
final class ApiCommand implements Callable<Integer> {
  @Mixin RoleOptions role;
  @Mixin HttpOptions http;

  @Override
  public Integer call() {
    return RoleLifecycle.run(
        () -> ApiRole.start(role.load(http.variables())),
        StartupSummary::describe,
        "refusing new requests");
  }
}
