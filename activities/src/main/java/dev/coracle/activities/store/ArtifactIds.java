package dev.coracle.activities.store;

import java.security.SecureRandom;

/**
 * Makes {@code art-<ULID>} ids: 48 bits of milliseconds and 80 random bits in Crockford base32, so
 * ids sort by creation time like the rest of coracle's ids. The activities module does not depend
 * on a ULID library, and this is all of ULID it needs.
 */
final class ArtifactIds {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ArtifactIds() {}

  static String next(long epochMillis) {
    char[] ulid = new char[26];
    for (int i = 9; i >= 0; i--) {
      ulid[i] = CROCKFORD[(int) (epochMillis & 31)];
      epochMillis >>>= 5;
    }
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    for (int i = 10; i < 26; i++) {
      ulid[i] = CROCKFORD[random[i - 10] & 31];
    }
    return "art-" + new String(ulid);
  }
}
