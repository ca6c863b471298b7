package dev.coracle.workflows.chat;

import java.util.List;

/**
 * The semantic cache's answer to a lookup.
 *
 * @param result the earlier answer on a hit, null on a miss
 * @param similarity cosine similarity of the best match (0 when none)
 * @param reason why it missed or was not eligible, e.g. "temperature 0.9 above 0.5"
 */
public record CacheLookup(boolean hit, ChatResult result, double similarity, String reason) {

  public static CacheLookup miss(String reason) {
    return new CacheLookup(false, null, 0, reason);
  }

  /**
   * The earlier answer as this chat's: this chat's classification, no model time, no fallbacks, but
   * still the provider and model that wrote it. The workflow's result and the answer handed to the
   * waiting response are both made here, so they are the same.
   */
  public static ChatResult served(ChatResult cached, Classification classification) {
    return new ChatResult(
        classification,
        cached.provider(),
        cached.model(),
        cached.content(),
        cached.finishReason(),
        cached.usage(),
        0,
        List.of(),
        null,
        true);
  }
}
