package dev.coracle.activities.tools;

import java.util.Arrays;

/**
 * Cuts raw UTF-8 bytes at character boundaries, so a piece of a file never starts or ends in the
 * middle of a character.
 */
final class Utf8Cut {

  private Utf8Cut() {}

  /** How many bytes at the start continue a character that began before them (at most 3). */
  static int continuationBytes(byte[] bytes) {
    int skipped = 0;
    while (skipped < Math.min(3, bytes.length) && (bytes[skipped] & 0xC0) == 0x80) {
      skipped++;
    }
    return skipped;
  }

  /** The first {@code maxBytes} of {@code bytes}, less a character cut off at the end. */
  static byte[] head(byte[] bytes, int maxBytes) {
    int end = Math.min(bytes.length, maxBytes);
    // Walk back over continuation bytes to the lead byte of the last character.
    int lead = end;
    while (lead > 0 && lead > end - 4 && (bytes[lead - 1] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead > 0 && lead > end - 4) {
      int first = bytes[lead - 1] & 0xff;
      int width = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
      if ((lead - 1) + width > end) {
        end = lead - 1;
      }
    }
    return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
  }
}
