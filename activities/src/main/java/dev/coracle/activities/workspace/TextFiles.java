package dev.coracle.activities.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files as text for prompts, and tells text from binary the way git does. */
public final class TextFiles {

  /** How much of a file the binary check looks at. */
  static final int SNIFF_BYTES = 8192;

  private TextFiles() {}

  /** True when the file's start has a NUL byte, which text in any common encoding never has. */
  public static boolean isBinary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SNIFF_BYTES);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** The same check on bytes already read, of which it looks at the start. */
  public static boolean isBinary(byte[] content) {
    int end = Math.min(content.length, SNIFF_BYTES);
    for (int i = 0; i < end; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** The first {@code maxBytes} of the file as UTF-8, with invalid bytes replaced. */
  public static String head(Path file, int maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in.readNBytes(maxBytes));
    }
  }

  /** Lenient UTF-8: a file in another encoding still reads, with its odd bytes replaced. */
  public static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
