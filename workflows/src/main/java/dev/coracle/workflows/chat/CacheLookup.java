package dev.coracle.workflows.chat;

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
}
