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

/** Recent history, bounded so a long history does not fill the context. */
@Singleton
public class GitLogTool implements Tool {

  static final int DEFAULT_COUNT = 20;
  static final int MAX_COUNT = 200;

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "git_log",
          "Show recent commits, newest first, one line each: hash, date, author, subject.",
          """
          {"type": "object",
           "properties": {
             "count": {"type": "integer", "minimum": 1, "maximum": 200, "description": "How many commits (default 20)"}},
           "additionalProperties": false}
          """,
          null);

  private final GitCommands git;

  public GitLogTool(GitCommands git) {
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
    int count = args.integer("count", DEFAULT_COUNT);
    if (count < 1) {
      throw new ToolException("count must be 1 or more.");
    }
    return git.run(
        context,
        List.of(
            "log",
            "-n",
            String.valueOf(Math.min(count, MAX_COUNT)),
            "--date=short",
            "--format=%h %ad %an: %s"),
        false,
        "No commits.");
  }
}
