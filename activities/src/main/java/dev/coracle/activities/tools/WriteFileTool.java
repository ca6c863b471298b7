package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    JailPath file = context.jail().locate(args.requiredString("path"));
    byte[] content = args.requiredString("content").getBytes(StandardCharsets.UTF_8);
    long before = context.jail().files().replace(file, content);
    String text =
        before >= 0
            ? "Overwrote " + file + " (" + content.length + " bytes; it had " + before + ")."
            : "Created " + file + " (" + content.length + " bytes).";
    return new ToolOutput(text, false, List.of(file.toString()));
  }
}
