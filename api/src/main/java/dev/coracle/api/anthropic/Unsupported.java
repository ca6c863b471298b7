package dev.coracle.api.anthropic;

import dev.coracle.api.openai.OpenAiException;

/** The 400s for content coracle's models cannot take. */
final class Unsupported {
  private Unsupported() {}

  /**
   * A block that may not appear where it was sent. Images are named as such: coracle's internal
   * model carries text only, so no upstream could be given one.
   */
  static OpenAiException block(ContentBlock block, String param) {
    if (block instanceof ContentBlock.Image) {
      return OpenAiException.invalid(
          param,
          param
              + ": image blocks are not supported; coracle passes text, tool calls and tool"
              + " results only");
    }
    String type = block == null ? "null" : String.valueOf(block.type());
    return OpenAiException.invalid(
        param, param + ": content blocks of type '" + type + "' are not supported here");
  }
}
