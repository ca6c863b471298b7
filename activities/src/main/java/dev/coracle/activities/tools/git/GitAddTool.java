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

/** Stages paths, each checked by the workspace jail. */
@Singleton
public class GitAddTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_add",
          "Stage files for the next commit. Give paths relative to the workspace root; . stages everything.",
          """
          {"type": "object",
           "properties": {
             "paths": {"type": "array", "items": {"type": "string"}, "description": "Files or directories to stage"}},
           "required": ["paths"],
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitAddTool(GitCommands git) {
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
      throw new ToolException("git_add needs paths, e.g. [\"src/Main.java\"] or [\".\"].");
    }
    List<String> command = new ArrayList<>(List.of("add", "--"));
    command.addAll(GitCommands.paths(context, paths));
    ToolOutput added = git.run(context, command, false, "");
    if (added.error()) {
      return added;
    }
    return git.run(
        context,
        List.of("status", "--short", HardenedGit.NO_SUBMODULE_CHANGES),
        false,
        "Nothing to stage.");
  }
}
