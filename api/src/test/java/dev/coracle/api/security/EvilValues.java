package dev.coracle.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * The values the fuzzer puts where a request expects something else: text with control characters
 * and lone surrogates, numbers out of every range, every JSON type, deep nesting. None names an
 * existing directory, so no job is ever started outside the test's own workspace.
 */
final class EvilValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "\u0000",
          "\u0000\u0001\u0002\u001b[31m\u001f",
          " \u0000 \t\n\r ",
          "\u007f",
          "\ud800",
          "\udfff",
          "a\ud800b\udc00c",
          "\ud83d\ude00 emoji",
          "\u202e\ufeff\u200b",
          "\ufffd",
          "\u200b\u0301",
          "\ue000\uffff",
          "%00",
          "../../../../nonexistent/fuzz",
          "relative/dir",
          "/nonexistent/fuzz workspace",
          "${jndi:ldap://127.0.0.1:1/x}",
          "<script>alert(1)</script>",
          "null",
          "true",
          "-1",
          "coracle",
          "coracle-embed",
          "gpt-4o",
          "claude-sonnet-4-5",
          "cloud/job",
          "\\",
          "\"",
          "job-none",
          "deep",
          "user",
          "tool");

  static final List<JsonNode> NUMBERS =
      List.of(
          NODES.numberNode(0),
          NODES.numberNode(-1),
          NODES.numberNode(-2147483649L),
          NODES.numberNode(2147483648L),
          NODES.numberNode(Long.MAX_VALUE),
          NODES.numberNode(new BigInteger("9223372036854775808")),
          NODES.numberNode(new BigInteger("-123456789012345678901234567890")),
          NODES.numberNode(1.5),
          NODES.numberNode(-0.0),
          NODES.numberNode(Double.MAX_VALUE),
          NODES.numberNode(-Double.MAX_VALUE),
          NODES.numberNode(new BigDecimal("1e400")),
          NODES.numberNode(new BigDecimal("-1e400")),
          NODES.numberNode(new BigDecimal("1e-400")),
          NODES.numberNode(384),
          NODES.numberNode(2049));

  private EvilValues() {}

  /** Any value: a string, a number, another JSON type, or a deep or big one now and then. */
  static JsonNode any(Random random) {
    int pick = random.nextInt(100);
    if (pick < 40) {
      return NODES.textNode(string(random));
    }
    if (pick < 65) {
      return NUMBERS.get(random.nextInt(NUMBERS.size()));
    }
    if (pick < 90) {
      return switch (random.nextInt(6)) {
        case 0 -> NODES.nullNode();
        case 1 -> NODES.booleanNode(random.nextBoolean());
        case 2 -> NODES.arrayNode();
        case 3 -> NODES.objectNode();
        case 4 -> NODES.arrayNode().add(string(random)).add(NODES.numberNode(1));
        default -> NODES.objectNode().put("type", "text").put("text", string(random));
      };
    }
    if (pick < 95) {
      return deep(random, 10 + random.nextInt(random.nextBoolean() ? 100 : 900));
    }
    return NODES.textNode(big(random, 1_000 + random.nextInt(30_000)));
  }

  static String string(Random random) {
    if (random.nextInt(4) == 0) {
      return inject("some text", random);
    }
    return STRINGS.get(random.nextInt(STRINGS.size()));
  }

  /** The text with control characters or half of a surrogate pair put in at random places. */
  static String inject(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      char c =
          switch (random.nextInt(5)) {
            case 0 -> '\u0000';
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> '\u007f';
            case 3 -> (char) (0xD800 + random.nextInt(0x400));
            default -> (char) (0xDC00 + random.nextInt(0x400));
          };
      out.insert(random.nextInt(out.length() + 1), c);
    }
    return out.toString();
  }

  /**
   * Arrays and objects nested {@code depth} deep; under Jackson's writing limit of 1000, so deeper
   * nesting is made as raw text by {@link RawMutations}.
   */
  static JsonNode deep(Random random, int depth) {
    JsonNode node = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      if (random.nextBoolean()) {
        ArrayNode array = NODES.arrayNode();
        array.add(node);
        node = array;
      } else {
        ObjectNode object = NODES.objectNode();
        object.set("content", node);
        node = object;
      }
    }
    return node;
  }

  static String big(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append("word").append(random.nextInt(1000)).append(' ');
    }
    return text.substring(0, length);
  }
}
