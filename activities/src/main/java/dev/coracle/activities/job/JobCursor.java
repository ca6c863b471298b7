package dev.coracle.activities.job;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of jobs ends: the creation time and id of its last job. Clients get it as an opaque
 * token, so the listing can change its order later without breaking them.
 */
record JobCursor(long createdAt, String id) {

  /** The position before the newest job: the first page. */
  static final JobCursor START = new JobCursor(Long.MAX_VALUE, "");

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor in {@code token}, or {@link #START} for none.
   *
   * @throws IllegalArgumentException when the token is not one this class wrote
   */
  static JobCursor decode(String token) {
    if (token == null || token.isEmpty()) {
      return START;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return new JobCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("Not a job list cursor: " + token, e);
    }
  }
}
