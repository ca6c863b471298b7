package dev.coracle.worker.visibility;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The {@code next_page_token} of a list: the key of the last execution sent, so the next page
 * starts after it. A position by key, not by offset, keeps pages from repeating or skipping an
 * execution when workflows start or close between two calls. The token also carries a hash of the
 * query, so a token from one query is refused for another rather than silently misread.
 */
final class PageToken {
  private static final String VERSION = "v1";

  private PageToken() {}

  static ByteString encode(String query, ExecutionKey last) {
    String text =
        String.join(
            "|",
            VERSION,
            Integer.toHexString(query.hashCode()),
            Long.toString(last.startTime().getEpochSecond()),
            Integer.toString(last.startTime().getNano()),
            last.runId());
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  /**
   * The key a token names.
   *
   * @throws InvalidQueryException if the token is not one of ours or was made for another query
   */
  static ExecutionKey decode(String query, ByteString token) {
    String[] parts = token.toString(StandardCharsets.UTF_8).split("\\|", 5);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw new InvalidQueryException("next_page_token is not a token this server made");
    }
    if (!parts[1].equals(Integer.toHexString(query.hashCode()))) {
      throw new InvalidQueryException("next_page_token was made for a different query");
    }
    try {
      Instant start = Instant.ofEpochSecond(Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
      return new ExecutionKey(start, parts[4]);
    } catch (NumberFormatException e) {
      throw new InvalidQueryException("next_page_token is not a token this server made");
    }
  }
}
