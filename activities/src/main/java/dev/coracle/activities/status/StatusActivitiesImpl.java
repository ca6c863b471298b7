package dev.coracle.activities.status;

import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.AuditSummary;
import dev.coracle.activities.store.ModelTotals;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.StatusActivities;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers status questions from the store alone, in a few lines a person reads in a chat window.
 */
@Singleton
public class StatusActivitiesImpl implements StatusActivities {

  static final Duration WINDOW = Duration.ofHours(24);

  private final AuditLog audit;
  private final Clock clock;
  private final JobStatusLines jobs;
  private final EngineStatus engine;

  /** Jobs and audit figures only, without the engine's state. */
  public StatusActivitiesImpl(AuditLog audit, Clock clock, JobStatusLines jobs) {
    this(audit, clock, jobs, null);
  }

  @Inject
  public StatusActivitiesImpl(
      AuditLog audit, Clock clock, JobStatusLines jobs, EngineStatus engine) {
    this.audit = audit;
    this.clock = clock;
    this.jobs = jobs;
    this.engine = engine;
  }

  @Override
  public String answerStatus(ChatRequest request) {
    Instant now = clock.instant();
    AuditSummary summary = audit.summarySince(now.minus(WINDOW));
    List<String> lines = new ArrayList<>();
    lines.addAll(jobs.lines(now));
    lines.addAll(windowLines(summary));
    Optional<AuditEntry> lastAnswer = audit.lastAnswer();
    lines.add(
        lastAnswer
            .map(e -> "Last answer: " + Ago.since(e.at(), now) + " by " + e.target() + ".")
            .orElse("No model has answered yet."));
    audit.latest(1).stream()
        .filter(e -> !e.ok())
        .findFirst()
        .ifPresent(
            e ->
                lines.add(
                    "Last call failed: "
                        + Ago.since(e.at(), now)
                        + " by "
                        + e.target()
                        + " ("
                        + e.outcome()
                        + ")."));
    if (engine != null) {
      lines.addAll(engine.lines(now));
    }
    return String.join("\n", lines);
  }

  private static List<String> windowLines(AuditSummary summary) {
    if (summary.models().isEmpty()) {
      return List.of("No model calls in the last 24 h.");
    }
    List<String> lines = new ArrayList<>();
    lines.add("Last 24 h: " + counts(summary.answered(), summary.failures()) + ".");
    for (ModelTotals totals : summary.models()) {
      lines.add(
          "- "
              + totals.target()
              + ": "
              + counts(totals.answered(), totals.failures())
              + ", "
              + tokens(totals)
              + ".");
    }
    return lines;
  }

  private static String counts(long answered, long failures) {
    String text = Ago.plural(answered, "answer");
    return failures == 0 ? text : text + ", " + Ago.plural(failures, "failure");
  }

  private static String tokens(ModelTotals totals) {
    return Ago.grouped(totals.totalTokens())
        + " tokens ("
        + Ago.grouped(totals.promptTokens())
        + " in, "
        + Ago.grouped(totals.completionTokens())
        + " out)";
  }
}
