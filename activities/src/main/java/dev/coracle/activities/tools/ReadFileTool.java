package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.workspace.TextFiles;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads lines of a text file: the text as it is, after a header that says which lines. */
@Singleton
public class ReadFileTool implements Tool {

  static final int DEFAULT_LINES = 400;
  static final int MAX_LINES = 2000;

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "read_file",
          "Read a text file in the workspace. Returns the requested lines as plain text after a"
              + " header line giving the line range and the file's line count.",
          """
          {"type": "object",
           "properties": {
             "path": {"type": "string", "description": "File path relative to the workspace root"},
             "offset": {"type": "integer", "minimum": 1,
                        "description": "First line to read, 1-based (default 1)"},
             "limit": {"type": "integer", "minimum": 1, "maximum": 2000,
                       "description": "How many lines to read (default 400)"}},
           "required": ["path"],
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
    Path file = context.jail().resolve(args.requiredString("path"));
    int offset = args.integer("offset", 1);
    int limit = Math.min(args.integer("limit", DEFAULT_LINES), MAX_LINES);
    if (offset < 1 || limit < 1) {
      throw new ToolException("read_file needs offset and limit of 1 or more.");
    }
    String path = context.jail().relative(file);
    if (Files.isDirectory(file)) {
      throw new ToolException(path + " is a directory; list it with list_files.");
    }
    if (!Files.exists(file)) {
      throw new ToolException("There is no file " + path + " in the workspace.");
    }
    if (!Files.isRegularFile(file)) {
      throw new ToolException(path + " is not a regular file.");
    }
    if (TextFiles.isBinary(file)) {
      throw new ToolException(
          path + " is a binary file (" + Files.size(file) + " bytes); read_file reads text only.");
    }
    return ToolOutput.ok(read(file, path, offset, limit));
  }

  private static String read(Path file, String path, int offset, int limit) throws IOException {
    StringBuilder lines = new StringBuilder();
    int total = 0;
    int last = offset - 1;
    // A reader given a charset replaces bytes that are not UTF-8 instead of failing on them.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        total++;
        if (total >= offset && total < offset + limit) {
          lines.append(line).append('\n');
          last = total;
        }
      }
    }
    if (total == 0) {
      return path + ": empty file\n";
    }
    if (offset > total) {
      throw new ToolException(
          path + " has " + total + " lines; offset " + offset + " is past its end.");
    }
    String more = last < total ? "; read_file with offset " + (last + 1) + " reads on" : "";
    return path + ": lines " + offset + "-" + last + " of " + total + more + "\n" + lines;
  }
}
