package dev.coracle.activities.tools.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/** Lists branches, or switches to one, creating it when asked. */
@Singleton
public class GitBranchTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_branch",
          "Without name: list the branches (* marks the current one). With name: switch to that"
              + " branch, or with create make it from the current commit and switch to it.",
          """
          {"type": "object",
           "properties": {
             "name": {"type": "string", "description": "Branch to switch to or create"},
             "create": {"type": "boolean", "description": "Create the branch (default false)"}},
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitBranchTool(GitCommands git) {
    this.git = git;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return false;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    String name = args.string("name", null);
    boolean create = args.bool("create", false);
    if (name == null) {
      if (create) {
        throw new ToolException("git_branch needs a name to create a branch.");
      }
      return git.run(context, List.of("branch", "--list"), false, "No branches yet.");
    }
    validate(context, name);
    List<String> command = create ? List.of("switch", "-c", name) : List.of("switch", name);
    return git.run(context, command, true, "On branch " + name + ".");
  }

  /** git's own rules for branch names; a leading dash would be read as an option. */
  private void validate(ToolContext context, String name) throws IOException {
    boolean valid =
        !name.isBlank()
            && !name.startsWith("-")
            && git.raw(context, List.of("check-ref-format", "--branch", name)).exitCode() == 0;
    if (!valid) {
      throw new ToolException(
          "\""
              + name
              + "\" is not a valid branch name (no spaces, no leading -, no .., ~, ^, :, ?, *, [ or"
              + " \\).");
    }
  }
}
