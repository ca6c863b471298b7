package dev.coracle.activities.tools.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What changed, as a diff; external diff drivers and text conversions never run. */
@Singleton
public class GitDiffTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_diff",
          "Show changes as a unified diff: unstaged ones, or staged ones with staged. Untracked files are not shown (see git_status).",
          """
          {"type": "object",
           "properties": {
             "path": {"type": "string", "description": "Only this file or directory"},
             "staged": {"type": "boolean", "description": "Show what is staged for the next commit (default false)"}},
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitDiffTool(GitCommands git) {
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
    List<String> command =
        new ArrayList<>(
            List.of("diff", "--no-ext-diff", "--no-textconv", HardenedGit.NO_SUBMODULE_CHANGES));
    if (args.bool("staged", false)) {
      command.add("--staged");
    }
    String path = args.string("path", null);
    if (path != null) {
      command.add("--");
      command.addAll(GitCommands.paths(context, List.of(path)));
    }
    return git.run(context, command, false, "No differences.");
  }
}
