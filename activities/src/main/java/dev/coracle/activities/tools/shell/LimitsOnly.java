package dev.coracle.activities.tools.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * No isolation of the file system or network: the command runs as coracle's user, with the scrubbed
 * environment, the time limit and whatever resource limits prlimit can set.
 */
final class LimitsOnly implements ShellSandbox {

  private final ProcessLimits limits;
  private final String why;

  LimitsOnly(ProcessLimits limits, String why) {
    this.limits = limits;
    this.why = why;
  }

  @Override
  public List<String> wrap(List<String> argv, Path workspace, Map<String, String> environment) {
    List<String> command = new ArrayList<>(limits.prefix());
    command.addAll(argv);
    return command;
  }

  @Override
  public String describe() {
    return "process limits only: " + why + "; " + limits.describe();
  }
}
