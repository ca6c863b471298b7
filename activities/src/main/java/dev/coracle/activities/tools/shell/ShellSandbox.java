package dev.coracle.activities.tools.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How a command from a model is confined: the command line that runs it in confinement. */
public interface ShellSandbox {

  /**
   * @param argv the program (a resolved path) and its arguments
   * @param workspace the only directory the command may write
   * @param environment the whole environment the program gets
   * @throws dev.coracle.activities.tools.ToolException when no command may run
   */
  List<String> wrap(List<String> argv, Path workspace, Map<String, String> environment);

  /** One line for people: which isolation is active and what it does. */
  String describe();
}
