package dev.coracle.activities.tools.web;

/**
 * The WHATWG URL standard's IPv6 parser and serializer. Stricter than {@code InetAddress}: no zone
 * ids ({@code %eth0}), no names, and an embedded IPv4 part only in dotted decimal.
 */
final class Ipv6 {

  private Ipv6() {}

  /** The 16 bytes of an IPv6 address written without its brackets. */
  static byte[] parse(String input) {
    int[] pieces = new int[8];
    int pieceIndex = 0;
    int compress = -1;
    int pointer = 0;
    int length = input.length();
    if (at(input, 0) == ':') {
      if (at(input, 1) != ':') {
        throw invalid(input);
      }
      pointer = 2;
      pieceIndex = 1;
      compress = 1;
    }
    while (pointer < length) {
      if (pieceIndex == 8) {
        throw invalid(input);
      }
      if (at(input, pointer) == ':') {
        if (compress >= 0) {
          throw invalid(input);
        }
        pointer++;
        pieceIndex++;
        compress = pieceIndex;
        continue;
      }
      int value = 0;
      int digits = 0;
      while (digits < 4 && hex(at(input, pointer)) >= 0) {
        value = value * 16 + hex(at(input, pointer));
        pointer++;
        digits++;
      }
      if (at(input, pointer) == '.') {
        if (digits == 0 || pieceIndex > 6) {
          throw invalid(input);
        }
        pointer -= digits;
        readIpv4(input, pointer, pieces, pieceIndex);
        pieceIndex += 2;
        pointer = length;
        break;
      } else if (at(input, pointer) == ':') {
        pointer++;
        if (pointer == length) {
          throw invalid(input);
        }
      } else if (pointer < length) {
        throw invalid(input);
      }
      pieces[pieceIndex++] = value;
    }
    if (compress >= 0) {
      int swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex != 0 && swaps > 0) {
        int other = compress + swaps - 1;
        int kept = pieces[pieceIndex];
        pieces[pieceIndex] = pieces[other];
        pieces[other] = kept;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex != 8) {
      throw invalid(input);
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[2 * i] = (byte) (pieces[i] >> 8);
      bytes[2 * i + 1] = (byte) pieces[i];
    }
    return bytes;
  }

  /** The last 32 bits as a dotted-decimal IPv4 address ({@code ::ffff:127.0.0.1}). */
  private static void readIpv4(String input, int start, int[] pieces, int pieceIndex) {
    int pointer = start;
    int numbersSeen = 0;
    while (pointer < input.length()) {
      if (numbersSeen > 0) {
        if (at(input, pointer) == '.' && numbersSeen < 4) {
          pointer++;
        } else {
          throw invalid(input);
        }
      }
      if (!isDigit(at(input, pointer))) {
        throw invalid(input);
      }
      int piece = -1;
      while (isDigit(at(input, pointer))) {
        int number = at(input, pointer) - '0';
        if (piece == 0) {
          throw invalid(input);
        }
        piece = piece < 0 ? number : piece * 10 + number;
        if (piece > 255) {
          throw invalid(input);
        }
        pointer++;
      }
      pieces[pieceIndex] = pieces[pieceIndex] * 0x100 + piece;
      numbersSeen++;
      if (numbersSeen == 2 || numbersSeen == 4) {
        pieceIndex++;
      }
    }
    if (numbersSeen != 4) {
      throw invalid(input);
    }
  }

  /** Lower-case hex pieces, the first longest run of two or more zero pieces as {@code ::}. */
  static String serialize(byte[] bytes) {
    int[] pieces = new int[8];
    for (int i = 0; i < 8; i++) {
      pieces[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && pieces[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLength - 1;
        continue;
      }
      out.append(Integer.toHexString(pieces[i]));
      if (i < 7) {
        out.append(':');
      }
    }
    return out.toString();
  }

  private static char at(String input, int index) {
    return index < input.length() ? input.charAt(index) : '\uffff';
  }

  private static int hex(char c) {
    return c > 0x7f ? -1 : Character.digit(c, 16);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String input) {
    return new IllegalArgumentException("'[" + input + "]' is not a valid IPv6 address");
  }
}
