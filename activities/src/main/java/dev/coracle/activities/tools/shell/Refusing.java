package dev.coracle.activities.tools.shell;

import dev.coracle.activities.tools.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The sandbox was required and does not work, so nothing runs rather than running unconfined. */
final class Refusing implements ShellSandbox {

  private final String why;

  Refusing(String why) {
    this.why = why;
  }

  @Override
  public List<String> wrap(List<String> argv, Path workspace, Map<String, String> environment) {
    throw new ToolException(
        "No command can run: tools.shell.sandbox is bubblewrap, but " + why + ".");
  }

  @Override
  public String describe() {
    return "no commands run: tools.shell.sandbox is bubblewrap, but " + why;
  }
}
