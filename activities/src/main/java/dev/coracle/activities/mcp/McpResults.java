package dev.coracle.activities.mcp;

import dev.coracle.activities.tools.ToolOutput;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an MCP tool result into what the coder reads. Text is passed on as it is; an image, audio
 * or a binary resource is only named, since a local coder model cannot look at it and its base64
 * would crowd everything else out of the context.
 */
final class McpResults {
  private McpResults() {}

  static ToolOutput toOutput(String toolName, McpSchema.CallToolResult result) {
    List<String> parts = new ArrayList<>();
    for (McpSchema.Content content :
        result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
      parts.add(describe(content));
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      parts.add(McpJson.write(result.structuredContent()));
    }
    String text =
        parts.isEmpty() ? "(" + toolName + " returned nothing)" : String.join("\n", parts);
    return Boolean.TRUE.equals(result.isError())
        ? ToolOutput.error(toolName + " failed: " + text)
        : ToolOutput.ok(text);
  }

  private static String describe(McpSchema.Content content) {
    if (content instanceof McpSchema.TextContent text) {
      return text.text();
    }
    if (content instanceof McpSchema.ImageContent image) {
      return "[image " + image.mimeType() + ", " + base64Bytes(image.data()) + " bytes]";
    }
    if (content instanceof McpSchema.AudioContent audio) {
      return "[audio " + audio.mimeType() + ", " + base64Bytes(audio.data()) + " bytes]";
    }
    if (content instanceof McpSchema.EmbeddedResource embedded) {
      if (embedded.resource() instanceof McpSchema.TextResourceContents text) {
        return "[resource " + text.uri() + "]\n" + text.text();
      }
      return "[binary resource "
          + embedded.resource().uri()
          + ", "
          + embedded.resource().mimeType()
          + "]";
    }
    if (content instanceof McpSchema.ResourceLink link) {
      return "[resource link "
          + link.uri()
          + (link.name() == null ? "" : " (" + link.name() + ")")
          + "]";
    }
    return "[" + content.type() + " content]";
  }

  private static long base64Bytes(String data) {
    return data == null ? 0 : data.length() * 3L / 4;
  }
}
