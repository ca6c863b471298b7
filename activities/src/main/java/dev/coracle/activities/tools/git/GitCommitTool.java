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
import java.util.ArrayList;
import java.util.List;

/**
 * Commits what is staged. Git reads no global configuration here (see {@link HardenedGit}), so the
 * user's own git identity is not there; a repository without one gets coracle's, rather than a
 * commit that fails.
 */
@Singleton
public class GitCommitTool implements Tool {

  static final String NAME = "coracle";
  static final String EMAIL = "coracle@localhost";

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_commit",
          "Commit the staged changes (stage them with git_add first) with a message. Hooks do not"
              + " run.",
          """
          {"type": "object",
           "properties": {
             "message": {"type": "string", "description": "The commit message"}},
           "required": ["message"],
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitCommitTool(GitCommands git) {
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
    String message = new ToolArgs(name(), json).requiredString("message");
    if (message.isBlank()) {
      throw new ToolException("git_commit needs a non-empty message.");
    }
    List<String> command = new ArrayList<>();
    if (!configured(context, "user.name")) {
      command.addAll(List.of("-c", "user.name=" + NAME));
    }
    if (!configured(context, "user.email")) {
      command.addAll(List.of("-c", "user.email=" + EMAIL));
    }
    command.addAll(List.of("commit", "--no-verify", "-m", message));
    return git.run(context, command, false, "Committed.");
  }

  private boolean configured(ToolContext context, String key) throws IOException {
    return git.raw(context, List.of("config", "--get", key)).exitCode() == 0;
  }
}
