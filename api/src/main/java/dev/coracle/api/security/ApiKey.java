package dev.coracle.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional {@code server.api-key}, checked against {@code Authorization: Bearer <key>} (OpenAI
 * clients) and {@code x-api-key: <key>} (Anthropic clients). Both sides are hashed before they are
 * compared with {@link MessageDigest#isEqual}, so the time taken says nothing about the key's
 * length or how much of it a guess got right.
 */
final class ApiKey {
  /** The scheme is case-insensitive (RFC 9110); ASCII-only matching, as the pattern's default. */
  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S+) *");

  enum Verdict {
    ACCEPTED,
    MISSING,
    WRONG
  }

  private final byte[] expected;

  private ApiKey(byte[] expected) {
    this.expected = expected;
  }

  /** No key when {@code configured} is null or blank. */
  static ApiKey of(String configured) {
    return new ApiKey(configured == null || configured.isBlank() ? null : digest(configured));
  }

  boolean required() {
    return expected != null;
  }

  /**
   * @param authorizations every {@code Authorization} header of the request
   * @param apiKeys every {@code x-api-key} header of the request
   */
  Verdict check(List<String> authorizations, List<String> apiKeys) {
    if (authorizations.isEmpty() && apiKeys.isEmpty()) {
      return Verdict.MISSING;
    }
    List<String> presented = new ArrayList<>(apiKeys);
    for (String authorization : authorizations) {
      Matcher bearer = BEARER.matcher(authorization);
      if (bearer.matches()) {
        presented.add(bearer.group(1));
      }
    }
    for (String key : presented) {
      if (MessageDigest.isEqual(expected, digest(key))) {
        return Verdict.ACCEPTED;
      }
    }
    return Verdict.WRONG;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
