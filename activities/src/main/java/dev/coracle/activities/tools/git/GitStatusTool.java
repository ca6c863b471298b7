package dev.coracle.activities.tools.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The repository's state at a glance. */
@Singleton
public class GitStatusTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_status",
          "Show the branch and which files are changed, staged or untracked (git status --short --branch).",
          """
          {"type": "object", "properties": {}, "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitStatusTool(GitCommands git) {
    this.git = git;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    return git.run(context, HardenedGit.STATUS, false, "Clean.");
  }
}
