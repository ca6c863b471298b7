package dev.coracle.api;

import dev.coracle.api.server.StartupSummary;
import dev.coracle.api.server.TemporalRole;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coracle temporal}: the embedded Temporal server alone, for trying the roles on one
 * machine. It keeps nothing when it stops and is never recycled (see {@link TemporalRole}).
 */
@Command(
    name = "temporal",
    mixinStandardHelpOptions = true,
    description =
        "Run the embedded Temporal server alone on TCP, for 'coracle api' and 'coracle worker'"
            + " on one machine. In memory only: a real cluster keeps workflows across restarts.")
final class TemporalCommand implements Callable<Integer> {
  /** The test server takes any namespace; this is the one the summary names. */
  private static final String NAMESPACE = "default";

  @Option(
      names = "--listen",
      description =
          "Address to listen on (default: 127.0.0.1). The port has no TLS and no auth: whoever"
              + " reaches it can run coracle's workflows.")
  String listen = "127.0.0.1";

  @Option(names = "--port", description = "Port to listen on (default: 7233).")
  int port = 7233;

  @Override
  public Integer call() {
    return RoleLifecycle.run(
        () -> TemporalRole.start(listen, port),
        (role, startup) -> StartupSummary.describe(role, NAMESPACE, startup),
        "closing the server; its workflows are forgotten");
  }
}
