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

/** Undoes changes to paths, each checked by the workspace jail. */
@Singleton
public class GitRestoreTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_restore",
          "Discard changes to files in the working tree (back to the staged or committed version), or with staged unstage them and keep the changes.",
          """
          {"type": "object",
           "properties": {
             "paths": {"type": "array", "items": {"type": "string"}, "description": "Files or directories to restore"},
             "staged": {"type": "boolean", "description": "Unstage instead of discarding (default false)"}},
           "required": ["paths"],
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitRestoreTool(GitCommands git) {
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
    List<String> paths = args.strings("paths");
    if (paths.isEmpty()) {
      throw new ToolException("git_restore needs paths, e.g. [\"src/Main.java\"].");
    }
    boolean staged = args.bool("staged", false);
    List<String> command = new ArrayList<>(List.of("restore"));
    if (staged) {
      command.add("--staged");
    }
    command.add("--");
    command.addAll(GitCommands.paths(context, paths));
    return git.run(
        context,
        command,
        !staged,
        staged ? "Unstaged; the changes are still in the files." : "Restored.");
  }
}
