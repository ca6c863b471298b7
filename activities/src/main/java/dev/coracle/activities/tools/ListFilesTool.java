package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.workspace.WorkspaceFiles;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lists a directory, or all of it below, without version-control internals and dependencies. */
@Singleton
public class ListFilesTool implements Tool {

  static final int MAX_ENTRIES = 500;

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "list_files",
          "List files and directories in the workspace (directories end with /). Skips .git,"
              + " node_modules, build output and hidden directories. Paths are relative to the"
              + " workspace root; at most "
              + MAX_ENTRIES
              + " are listed.",
          """
          {"type": "object",
           "properties": {
             "path": {"type": "string",
                      "description": "Directory relative to the workspace root (default: the root)"},
             "recursive": {"type": "boolean",
                           "description": "List everything below, not just the directory (default false)"}},
           "additionalProperties": false}
          """,
          null);

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
    Path directory = context.jail().resolve(args.string("path", "."));
    boolean recursive = args.bool("recursive", false);
    String path = context.jail().relative(directory);
    if (!Files.exists(directory)) {
      throw new ToolException("There is no directory " + path + " in the workspace.");
    }
    if (!Files.isDirectory(directory)) {
      throw new ToolException(path + " is a file; read it with read_file.");
    }
    WorkspaceFiles.Listing listing =
        WorkspaceFiles.walk(context.workspace(), directory, recursive, MAX_ENTRIES);
    StringBuilder text = new StringBuilder();
    text.append(path)
        .append(recursive ? " and below: " : ": ")
        .append(listing.total())
        .append(listing.complete() ? "" : "+")
        .append(listing.total() == 1 ? " entry\n" : " entries\n");
    for (WorkspaceFiles.Entry entry : listing.entries()) {
      text.append(entry.path()).append(entry.directory() ? "/" : "").append('\n');
    }
    if (listing.more() > 0) {
      text.append("… and ")
          .append(listing.more())
          .append(listing.complete() ? "" : "+")
          .append(" more; list a subdirectory to see them\n");
    }
    return ToolOutput.ok(text.toString());
  }
}
