package dev.coracle.api.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Breaks a body below the JSON level: truncated, bytes that are not UTF-8, garbage, nesting deeper
 * than any parser allows, bodies over the size limit, and JSON that is not an object.
 */
final class RawMutations {
  /** Sequences no UTF-8 decoder accepts: a lone continuation byte, overlong forms, a surrogate. */
  private static final List<byte[]> INVALID_UTF8 =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC3, 0x28},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xFF, (byte) 0xFE},
          new byte[] {(byte) 0xE2, (byte) 0x82});

  private static final List<String> NOT_OBJECTS =
      List.of(
          "", " ", "null", "[]", "[1,2]", "1", "-0", "\"text\"", "true", "{", "}", "{]", "\u0000");

  private RawMutations() {}

  record Mutated(byte[] body, String description) {}

  static Mutated mutate(byte[] body, int maxRequestBytes, Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> new Mutated(truncate(body, random), "truncated");
      case 1 -> new Mutated(insertInvalidUtf8(body, random), "invalid-utf8");
      case 2 -> new Mutated(flipBytes(body, random), "flipped-bytes");
      case 3 -> new Mutated(deepNesting(random), "deep-nesting");
      case 4 -> new Mutated(oversized(body, maxRequestBytes, random), "over-size-limit");
      case 5 ->
          new Mutated(
              NOT_OBJECTS.get(random.nextInt(NOT_OBJECTS.size())).getBytes(StandardCharsets.UTF_8),
              "not-an-object");
      case 6 ->
          new Mutated(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body), "bom");
      case 7 ->
          new Mutated(concat(body, "{\"again\":1}".getBytes(StandardCharsets.UTF_8)), "trailing");
      default -> new Mutated(hugeNumberLiteral(random), "huge-number-literal");
    };
  }

  private static byte[] truncate(byte[] body, Random random) {
    return Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
  }

  /** Invalid bytes, usually right after a quote so that they land inside a string. */
  private static byte[] insertInvalidUtf8(byte[] body, Random random) {
    int at = random.nextInt(body.length + 1);
    for (int i = at; i < body.length; i++) {
      if (body[i] == '"') {
        at = i + 1;
        break;
      }
    }
    byte[] bad = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, at);
    out.writeBytes(bad);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private static byte[] flipBytes(byte[] body, Random random) {
    byte[] copy = body.clone();
    for (int i = 0; i < 1 + random.nextInt(4) && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] deepNesting(Random random) {
    int depth = 500 + random.nextInt(60_000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    StringBuilder text = new StringBuilder("{\"model\":\"coracle\",\"messages\":");
    text.append(open.repeat(depth));
    if (random.nextBoolean()) {
      text.append("1").append((open.equals("[") ? "]" : "}").repeat(depth)).append('}');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] oversized(byte[] body, int maxRequestBytes, Random random) {
    int extra = maxRequestBytes + 1 + random.nextInt(maxRequestBytes);
    String padding = "x".repeat(extra);
    String text =
        "{\"padding\":\""
            + padding
            + "\","
            + new String(body, StandardCharsets.UTF_8).substring(Math.min(1, body.length));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hugeNumberLiteral(Random random) {
    String number =
        switch (random.nextInt(4)) {
          case 0 -> "1" + "0".repeat(5_000 + random.nextInt(20_000));
          case 1 -> "1e" + (100_000 + random.nextInt(1_000_000));
          case 2 -> "-0." + "0".repeat(2_000) + "1";
          default -> "NaN";
        };
    String field = random.nextBoolean() ? "max_tokens" : "temperature";
    return ("{\"model\":\"coracle\",\""
            + field
            + "\":"
            + number
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
