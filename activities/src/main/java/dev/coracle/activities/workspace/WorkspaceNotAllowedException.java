package dev.coracle.activities.workspace;

import java.util.List;

/**
 * A workspace a job may not use, with the rule it broke. Every door (the jobs API, chat, MCP,
 * recovery, the consolidate step) shows this message as it is, so the wording lives here only.
 */
public final class WorkspaceNotAllowedException extends RuntimeException {

  /** The rules a workspace can break, each with the reason a user reads. */
  public enum Rule {
    NOT_A_PATH("it is not a path"),
    NOT_ABSOLUTE("it must be an absolute path"),
    MISSING("it does not exist"),
    NOT_A_DIRECTORY("it is not a directory"),
    UNREADABLE("it cannot be read"),
    OUTSIDE_ROOTS("it is not inside a workspace root"),
    A_ROOT("it is a workspace root itself; a job works in a directory inside a root"),
    CORACLE_HOME(
        "it is or holds CORACLE_HOME, where coracle keeps its database, settings and keys"),
    HIDDEN(
        "it is or is inside a hidden directory; jobs never run in hidden directories such as"
            + " ~/.ssh or ~/.config");

    private final String reason;

    Rule(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  private final Rule rule;

  private WorkspaceNotAllowedException(Rule rule, String message) {
    super(message, null, false, false);
    this.rule = rule;
  }

  /**
   * @param workspace the workspace as the client gave it
   * @param detail what was found, such as the real path a symlink leads to; may be null
   * @param roots the workspace roots as configured, for the hint on how to add one
   */
  static WorkspaceNotAllowedException of(
      Rule rule, String workspace, String detail, List<String> roots) {
    String message =
        "The workspace '"
            + workspace
            + "' is not allowed: "
            + rule.reason()
            + (detail == null ? "" : " (" + detail + ")")
            + ". Jobs work only in an existing directory strictly inside one of "
            + WorkspacePolicy.ROOTS_KEY
            + " (now "
            + String.join(", ", roots)
            + "); to allow another place, add a directory that contains it to "
            + WorkspacePolicy.ROOTS_KEY
            + " in coracle.yml.";
    return new WorkspaceNotAllowedException(rule, message);
  }

  public Rule rule() {
    return rule;
  }
}
