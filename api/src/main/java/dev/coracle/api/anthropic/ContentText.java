package dev.coracle.api.anthropic;

import dev.coracle.api.openai.OpenAiException;
import java.util.List;

/** The text of content that may hold only text: {@code system} and a tool's result. */
final class ContentText {
  private ContentText() {}

  /** The text blocks of {@code system} joined by blank lines; {@code cache_control} is ignored. */
  static String systemText(MessageContent content, String param) {
    return joined(content, param, "\n\n");
  }

  /** The text of a tool result, its blocks joined by newlines. */
  static String toolResultText(MessageContent content, String param) {
    return joined(content, param, "\n");
  }

  private static String joined(MessageContent content, String param, String separator) {
    if (content == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    List<ContentBlock> blocks = content.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      ContentBlock block = blocks.get(i);
      String blockParam = param + "." + i;
      if (!(block instanceof ContentBlock.Text textBlock)) {
        throw Unsupported.block(block, blockParam);
      }
      if (textBlock.text() == null) {
        throw OpenAiException.invalid(param, blockParam + ".text: Field required");
      }
      if (!text.isEmpty()) {
        text.append(separator);
      }
      text.append(textBlock.text());
    }
    return text.toString();
  }
}
