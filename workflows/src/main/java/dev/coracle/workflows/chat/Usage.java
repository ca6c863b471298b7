package dev.coracle.workflows.chat;

/** Token counts of one answer, as the upstream reported them. */
public record Usage(int promptTokens, int completionTokens) {

  public static final Usage NONE = new Usage(0, 0);

  /** The sum of two usages; null counts as none. */
  public Usage plus(Usage more) {
    if (more == null) {
      return this;
    }
    return new Usage(
        promptTokens + more.promptTokens(), completionTokens + more.completionTokens());
  }

  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
