package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a whole file, creating the directories it needs. */
@Singleton
public class WriteFileTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "write_file",
          "Write a text file in the workspace, replacing it if it exists. Missing parent"
              + " directories are created.",
          """
          {"type": "object",
           "properties": {
             "path": {"type": "string", "description": "File path relative to the workspace root"},
             "content": {"type": "string", "description": "The whole new content of the file"}},
           "required": ["path", "content"],
           "additionalProperties": false}
          """,
          null);

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
    Path file = context.jail().resolve(args.requiredString("path"));
    byte[] content = args.requiredString("content").getBytes(StandardCharsets.UTF_8);
    String path = context.jail().relative(file);
    if (Files.isDirectory(file)) {
      throw new ToolException(path + " is a directory; give a file path.");
    }
    boolean existed = Files.exists(file);
    long before = existed ? Files.size(file) : 0;
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    String text =
        existed
            ? "Overwrote " + path + " (" + content.length + " bytes; it had " + before + ")."
            : "Created " + path + " (" + content.length + " bytes).";
    return new ToolOutput(text, false, List.of(path));
  }
}
