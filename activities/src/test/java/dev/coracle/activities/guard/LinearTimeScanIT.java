package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Tool output is written by whoever wrote the page or the file, so no scan may take more than
 * linear time on it: every injection check and every redaction rule, taken from the code (a new one
 * is covered without touching this test), runs over megabyte texts built to make a backtracking
 * pattern crawl, and must finish each within a second. A backtracking version took two to three
 * minutes on 16 KB.
 *
 * <p>What is measured is the CPU time of the scanning thread, not the wall clock: the bound is
 * about the work a pattern does, and a busy machine must not make the test fail or pass. It is an
 * IT because it reads some hundred megabytes per run.
 */
class LinearTimeScanIT {

  private static final Duration LIMIT = Duration.ofSeconds(1);

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static Map<String, String> texts;

  @BeforeAll
  static void buildTexts() {
    texts = AdversarialTexts.all();
  }

  @TestFactory
  Stream<DynamicTest> every_scan_finishes_a_megabyte_of_adversarial_text_within_a_second() {
    return scans().entrySet().stream()
        .map(scan -> DynamicTest.dynamicTest(scan.getKey(), () -> runsFast(scan.getValue())));
  }

  private static void runsFast(Consumer<String> scan) {
    // Warm up on a short text first, so that the JIT's first compile is not what is measured.
    scan.accept("warm up sk-test DB_PASSWORD=x " + "A".repeat(300) + " decode");
    List<String> slow = new ArrayList<>();
    for (Map.Entry<String, String> text : texts.entrySet()) {
      long started = CPU.getCurrentThreadCpuTime();
      scan.accept(text.getValue());
      Duration took = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - started);
      if (took.compareTo(LIMIT) >= 0) {
        slow.add(text.getKey() + " took " + took.toMillis() + " ms");
      }
    }
    assertThat(slow).isEmpty();
  }

  /** Every injection check and every redaction rule coracle has, by name. */
  private static Map<String, Consumer<String>> scans() {
    Map<String, Consumer<String>> scans = new LinkedHashMap<>();
    for (InjectionCheck check : InjectionDetector.CHECKS) {
      scans.put("injection " + check.name(), check::find);
    }
    SecretRedactor secrets =
        new SecretRedactor(
            Map.of("GROQ_API_KEY", "not-a-known-shape-42", "DB_PASSWORD", "AAAAAAAAAA"));
    List<RedactionRule> rules = new ArrayList<>(secrets.rules());
    rules.addAll(PiiRedactor.RULES);
    for (int i = 0; i < rules.size(); i++) {
      RedactionRule rule = rules.get(i);
      scans.put(
          "redaction " + rule.kind() + " (rule " + (i + 1) + ")",
          text -> rule.apply(text, new HashMap<>()));
    }
    return scans;
  }
}
