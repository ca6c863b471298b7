package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.coracle.activities.config.CoracleConfig.GuardConfig;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.TestStore;
import dev.coracle.workflows.chat.ChatMessage;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation sent again (the next turn of an agent, the same question asked twice) is redacted
 * from the remembered scan of its texts: the same text goes out, and every call that carried a
 * secret still leaves its own audit row.
 */
class RepeatedRedactionTest {

  private static final String KEY = GuardrailsTest.KEY;

  @TempDir Path dir;
  private ApplicationContext context;
  private AuditLog audit;
  private Guardrails guard;

  @BeforeEach
  void setUp() {
    context =
        TestStore.start(
            dir.resolve("coracle.db"), new MutableClock(Instant.parse("2026-12-05T05:00:00Z")));
    audit = context.getBean(AuditLog.class);
    guard = new Guardrails(new GuardConfig(true, false, true), audit, Map.of());
  }

  @AfterEach
  void tearDown() {
    context.close();
  }

  @Test
  void the_next_turn_of_a_conversation_is_redacted_like_the_first_and_audited_again() {
    List<ChatMessage> first =
        List.of(
            new ChatMessage("system", "You are a coding agent."),
            new ChatMessage("user", "My key is " + KEY + ", put it in .env"));
    List<ChatMessage> second =
        List.of(
            first.get(0),
            first.get(1),
            new ChatMessage("assistant", "Done."),
            new ChatMessage("user", "Now rotate " + KEY));

    List<ChatMessage> sentFirst = guard.forCloud(first, "wf-1", "fast");
    List<ChatMessage> sentSecond = guard.forCloud(second, "wf-2", "fast");

    assertThat(sentFirst.get(1).content())
        .isEqualTo("My key is [REDACTED:openai_key], put it in .env");
    assertThat(sentSecond)
        .extracting(ChatMessage::content)
        .containsExactly(
            "You are a coding agent.",
            "My key is [REDACTED:openai_key], put it in .env",
            "Done.",
            "Now rotate [REDACTED:openai_key]");
    List<AuditEntry> rows = audit.latest(2);
    assertThat(rows)
        .extracting(AuditEntry::workflowId, AuditEntry::error)
        .containsExactlyInAnyOrder(tuple("wf-1", "openai_key=1"), tuple("wf-2", "openai_key=2"));
  }

  @Test
  void the_same_text_is_redacted_the_same_however_often_it_is_sent() {
    List<ChatMessage> messages = List.of(new ChatMessage("user", "token " + KEY));

    for (int i = 0; i < 3; i++) {
      assertThat(guard.forCloud(messages, "wf-" + i, "fast").get(0).content())
          .isEqualTo("token [REDACTED:openai_key]");
    }
    assertThat(audit.latest(3)).extracting(AuditEntry::error).containsOnly("openai_key=1");
  }

  @Test
  void memo_keeps_within_its_budget_and_drops_the_least_recently_used_text() {
    RedactionMemo memo = new RedactionMemo(399);
    List<String> scanned = new ArrayList<>();
    Function<String, Redacted> scan =
        text -> {
          scanned.add(text);
          return Redacted.untouched(text);
        };

    for (String text : List.of("a", "b", "a", "c", "d", "e", "a", "b", "x", "x")) {
      memo.redact(text.equals("x") ? "x".repeat(101) : text.repeat(45), scan);
    }

    // 90 characters an entry (text and redaction), 399 in all: "b" was the least recently used
    // when "e" came, and "c" when "b" came back; a text of more than a quarter of the budget is
    // never kept.
    assertThat(scanned)
        .containsExactly(
            "a".repeat(45),
            "b".repeat(45),
            "c".repeat(45),
            "d".repeat(45),
            "e".repeat(45),
            "b".repeat(45),
            "x".repeat(101),
            "x".repeat(101));
    assertThat(memo.size()).isLessThanOrEqualTo(4);
  }
}
