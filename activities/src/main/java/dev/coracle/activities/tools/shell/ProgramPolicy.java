package dev.coracle.activities.tools.shell;

import dev.coracle.activities.config.CoracleConfig.ShellConfig;
import dev.coracle.activities.tools.ToolException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which programs run_shell may start: never a denied one, only allowed ones when an allow list is
 * set, never a shell given a command line with {@code -c}. The lists are guardrails against a
 * model's mistakes, not a boundary against a hostile one — a program can start another — so the
 * sandbox is what confines what actually runs.
 */
public final class ProgramPolicy {

  static final Set<String> SHELLS =
      Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "csh", "tcsh", "busybox");

  /** Programs that start the program named in their arguments, which must pass the check too. */
  static final Set<String> LAUNCHERS =
      Set.of(
          "env", "nice", "nohup", "timeout", "stdbuf", "setsid", "xargs", "ionice", "taskset",
          "chrt", "time", "exec", "command", "builtin", "prlimit", "unshare");

  /** Another process's environment holds coracle's secrets; its own is shown by {@code env}. */
  private static final Pattern PROC_ENVIRON = Pattern.compile("/proc/[^\\s]*environ");

  private final Set<String> allow;
  private final Set<String> deny;

  public ProgramPolicy(ShellConfig shell) {
    this.allow = Set.copyOf(shell.allow() == null ? List.of() : shell.allow());
    this.deny = Set.copyOf(shell.deny() == null ? List.of() : shell.deny());
  }

  /**
   * @param argv the program and its arguments, as parsed
   * @throws ToolException when the program may not run, with a reason the model can act on
   */
  public void check(List<String> argv) {
    String program = baseName(argv.get(0));
    checkProgram(program);
    if (SHELLS.contains(program) && hasDashC(argv)) {
      throw new ToolException(
          program
              + " -c is refused: run_shell runs one program without a shell. Make separate calls,"
              + " or write a script file and run it.");
    }
    if (LAUNCHERS.contains(program)) {
      for (String arg : argv.subList(1, argv.size())) {
        String name = baseName(arg);
        if (deny.contains(name) || SHELLS.contains(name)) {
          throw new ToolException(
              program
                  + " may not start "
                  + name
                  + "; "
                  + program
                  + " runs only what run_shell may.");
        }
      }
    }
    for (String arg : argv) {
      if (PROC_ENVIRON.matcher(arg).find()) {
        throw new ToolException(
            "Reading process environments under /proc is refused; run env to see the"
                + " environment commands get.");
      }
    }
  }

  private void checkProgram(String program) {
    if (deny.contains(program)) {
      throw new ToolException(
          program + " is on the deny list (tools.shell.deny) and never runs from run_shell.");
    }
    if (!allow.isEmpty() && !allow.contains(program)) {
      throw new ToolException(
          program
              + " is not on the allow list (tools.shell.allow); run_shell may run only: "
              + String.join(", ", allow.stream().sorted().toList())
              + ".");
    }
  }

  /** {@code -c}, or flags bundled with it such as {@code -ec}, before the script's name. */
  private static boolean hasDashC(List<String> argv) {
    for (String arg : argv.subList(1, argv.size())) {
      if (!arg.startsWith("-")) {
        return false;
      }
      if (!arg.startsWith("--") && arg.indexOf('c') > 0) {
        return true;
      }
    }
    return false;
  }

  static String baseName(String program) {
    int slash = program.lastIndexOf('/');
    return slash < 0 ? program : program.substring(slash + 1);
  }
}
