package dev.coracle.activities.quota;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A ledger on a real SQLite file, with a clock the test moves; restarting keeps the file. */
@StoreSuite
abstract class LedgerTestBase {

  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);
  ApplicationContext context;
  QuotaLedger ledger;
  private String yaml = TestQuota.PROVIDERS;

  /** Opens the store with {@code yaml} as coracle.yml. */
  void start(String yaml) {
    this.yaml = yaml;
    context =
        TestQuota.start(
            dir.resolve("coracle.db"), clock, TestQuota.config(dir.resolve("home"), yaml));
    ledger = context.getBean(QuotaLedger.class);
  }

  /** Closes the application and opens it again on the same database file. */
  void restart() {
    context.close();
    start(yaml);
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  /** Admits {@code count} calls, failing if any is refused. */
  void admitAll(String provider, String model, int count, int estimatedTokens) {
    for (int i = 0; i < count; i++) {
      Admission admission = ledger.admit(provider, model, estimatedTokens);
      if (!admission.admitted()) {
        throw new AssertionError("call " + (i + 1) + " was refused: " + admission.reason());
      }
    }
  }

  /** One model's row of the snapshot. */
  ModelQuota quota(String provider, String model) {
    return ledger.snapshot().stream()
        .filter(q -> q.provider().equals(provider) && q.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  /** The configured groq and gemini with the given limits blocks (YAML, indented 4). */
  static String withLimits(String groqLimits, String geminiLimits) {
    return """
        local:
          ollama:
            enabled: false
        providers:
          - name: groq
            kind: openai-compatible
            base-url: "https://api.groq.com/openai/v1"
            models: ["llama-3.3-70b-versatile"]
            limits:
        %s
          - name: gemini
            kind: openai-compatible
            base-url: "https://generativelanguage.googleapis.com/v1beta/openai"
            models: ["gemini-2.5-flash"]
            limits:
        %s
        """
        .formatted(groqLimits.indent(6).stripTrailing(), geminiLimits.indent(6).stripTrailing());
  }
}
