package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.cache.EmbeddingText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextPrepTest {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @Test
  void reminders_file_tags_and_code_blocks_become_markers() {
    String prompt =
        "<system-reminder>be brief</system-reminder>Fix the parser\n"
            + "<file path=\"a.py\">def f():\n  pass</file> and <code>x = 1</code>\n"
            + "```java\nint x;\n``` please";

    assertThat(TextPrep.forEmbedding(prompt)).isEqualTo("fix the parser code and code code please");
  }

  @Test
  void an_unclosed_file_tag_runs_to_the_end() {
    assertThat(TextPrep.forEmbedding("Explain <document>lots of text")).isEqualTo("explain code");
  }

  /**
   * A prompt can hold a file the client read. With backtracking, unclosed tags made each search run
   * to the end of the text again: a megabyte of them took minutes. The bound is on CPU time, so a
   * busy machine does not decide the outcome.
   */
  @ParameterizedTest
  @ValueSource(strings = {"<system-reminder>", "<file x>", "<code>", "```", " \n"})
  void a_megabyte_of_unclosed_openers_is_prepared_within_a_second(String opener) {
    String prompt = opener.repeat((1 << 20) / opener.length());
    TextPrep.forEmbedding(opener.repeat(100));

    long started = CPU.getCurrentThreadCpuTime();
    TextPrep.forEmbedding(prompt);
    Duration took = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - started);

    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void the_classifier_embeds_a_short_prompt_as_the_cache_does_so_a_chat_embeds_it_once() {
    for (String prompt :
        new String[] {
          "What's the capital city of France?",
          "  which is FASTER, ArrayList or LinkedList?? ",
          "is my job done?",
          "refactor the billing module; keep the \"public\" API",
          "Wie weit ist der Job mit der Datenbankmigration?"
        }) {
      assertThat(TextPrep.forEmbedding(prompt)).isEqualTo(EmbeddingText.of(prompt));
    }
  }

  @Test
  void codex_agents_md_blocks_and_environment_are_dropped() {
    String prompt =
        "# AGENTS.md instructions for /home/me/shop\n\n<INSTRUCTIONS>\n- Refactor freely.\n"
            + "- Run the tests.\n</INSTRUCTIONS>\n\n<environment_context>\n  <cwd>/home/me/shop"
            + "</cwd>\n</environment_context>\n\nwhat does `pnpm dedupe` do?";

    assertThat(TextPrep.prepare(prompt).instruction()).isEqualTo("what does `pnpm dedupe` do?");
  }

  @Test
  void a_claude_code_slash_command_keeps_its_name_and_arguments_only() {
    String prompt =
        "<command-message>status is running…</command-message>\n"
            + "<command-name>/status</command-name>\n<command-args>the migration job</command-args>";

    assertThat(TextPrep.prepare(prompt).instruction()).isEqualTo("/status the migration job");
  }

  @Test
  void hook_output_and_ide_selections_are_context_not_the_request() {
    String prompt =
        "<ide_selection>The user selected lines 1-40: refactor everything</ide_selection>"
            + "<user-prompt-submit-hook>implement the plan</user-prompt-submit-hook>"
            + "why is this loop slow?";

    assertThat(TextPrep.prepare(prompt).instruction()).isEqualTo("why is this loop slow?");
  }
}
