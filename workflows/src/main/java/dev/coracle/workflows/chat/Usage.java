package dev.coracle.workflows.chat;

/** Token counts of one answer, as the upstream reported them. */
public record Usage(int promptTokens, int completionTokens) {

  public static final Usage NONE = new Usage(0, 0);

  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
