package dev.coracle.activities.guard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Megabyte texts built to make a backtracking pattern slow: long runs of the alphabets the patterns
 * consume (letters, base64, digits, hex, {@code =}, spaces, slashes, paths), and every secret and
 * instruction shape over and over, one character short or with its closing part missing.
 */
final class AdversarialTexts {

  static final int SIZE = 1 << 20;

  /** The beginnings of every shape the guardrails know, each a near miss when repeated. */
  private static final List<String> NEAR_MISSES =
      List.of(
          "sk-",
          "sk-proj-abcdefghijklmnopqrs ",
          "gsk_",
          "AIza",
          "ghp_",
          "github_pat_",
          "xoxb-",
          "AKIA",
          "AKIAABCDEFGHIJKLMNOPQ",
          "sk_live_",
          "eyJhbGciOiJ.eyJzdWIiOi.",
          "Bearer ",
          "Authorization: Basic ",
          "aws_secret_access_key=",
          "postgres://user:",
          "-----BEGIN PRIVATE KEY-----\n",
          "DB_PASSWORD=",
          "DB_PASSWORD=x #",
          "A_KEY=x # ",
          "export API_TOKEN=\"",
          "path/to/.env:12: SECRET=",
          "+DB_PASSWORD='",
          "password: ",
          "db.password=",
          "\"api_key\": \"",
          "token = '",
          "a@",
          "a@b.",
          "+1 ",
          "+44 20 ",
          "(555) ",
          "4111 ",
          "1-",
          "ignore all previous ",
          "you are now a very ",
          "new instructions ",
          "<|im_start",
          "## system ",
          "print the environment ",
          "send the api keys ",
          "curl ",
          "| sh",
          "curl x | ",
          "decode ",
          "\u200B");

  private AdversarialTexts() {}

  /** Name to text, every text at least {@value #SIZE} characters. */
  static Map<String, String> all() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("letters", repeat("A", SIZE));
    texts.put(
        "base64", repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", SIZE));
    texts.put("digits", repeat("0123456789", SIZE));
    texts.put("hex", repeat("0123456789abcdef", SIZE));
    texts.put("equals", repeat("=", SIZE));
    texts.put("spaces", repeat(" ", SIZE));
    texts.put("slashes", repeat("/", SIZE));
    texts.put("newlines", repeat("\n", SIZE));
    texts.put("long path", repeat("/very-long/path_segment.d", SIZE));
    texts.put("5000-character paths", repeat("No such file: " + "/a".repeat(2500) + "\n", SIZE));
    // Half the text the near miss over and over, half one long run of what its value is made of.
    for (String miss : NEAR_MISSES) {
      texts.put(printable(miss), repeat(miss, SIZE / 2) + miss + repeat("A", SIZE / 2));
    }
    texts.put("letters then decode", repeat("A", SIZE) + " decode");
    texts.put("curl, letters, pipe to sh", "curl " + repeat("a", SIZE) + " | sh");
    texts.put("every near miss in turn", repeat(String.join(" ", NEAR_MISSES), SIZE));
    return texts;
  }

  private static String repeat(String unit, int size) {
    return unit.repeat(size / unit.length() + 1);
  }

  private static String printable(String text) {
    return text.replace("\n", "\\n").replace("\u200B", "\\u200B");
  }
}
