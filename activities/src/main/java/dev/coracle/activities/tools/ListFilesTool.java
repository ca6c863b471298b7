package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.workspace.WorkspaceFiles;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists a directory, or all of it below, without version-control internals and dependencies. */
@Singleton
public class ListFilesTool implements Tool {

  static final int MAX_ENTRIES = 500;

  /** How many entries a listing looks at in all; past this the counts are lower bounds. */
  static final int SCAN_LIMIT = 50_000;

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
    JailPath directory = context.jail().locate(args.string("path", "."));
    boolean recursive = args.bool("recursive", false);
    String path = directory.toString();
    Optional<BasicFileAttributes> attributes = context.jail().files().attributes(directory);
    if (attributes.isEmpty()) {
      throw new ToolException("There is no directory " + path + " in the workspace.");
    }
    if (!attributes.get().isDirectory()) {
      throw new ToolException(path + " is a file; read it with read_file.");
    }
    WorkspaceFiles.Listing listing = list(context.jail().files(), directory, recursive);
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

  /** The first {@link #MAX_ENTRIES} entries, and how many there are, up to {@link #SCAN_LIMIT}. */
  private static WorkspaceFiles.Listing list(
      JailedFiles files, JailPath directory, boolean recursive) throws IOException {
    List<WorkspaceFiles.Entry> entries = new ArrayList<>();
    int[] counts = new int[2]; // entries seen, files among them
    boolean[] complete = {true};
    files.walk(
        directory,
        recursive,
        (entry, attributes) -> {
          if (counts[0] >= SCAN_LIMIT) {
            complete[0] = false;
            return false;
          }
          counts[0]++;
          boolean isDirectory = attributes.isDirectory();
          counts[1] += isDirectory ? 0 : 1;
          if (entries.size() < MAX_ENTRIES) {
            entries.add(
                new WorkspaceFiles.Entry(
                    entry.toString(),
                    isDirectory,
                    attributes.isRegularFile(),
                    isDirectory ? 0 : attributes.size(),
                    attributes.lastModifiedTime()));
          }
          return true;
        });
    return new WorkspaceFiles.Listing(entries, counts[0], counts[1], complete[0]);
  }
}
