package dev.coracle.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.classify.JobGate;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.chat.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobHintTest {
  private static final Classification ABSTAINED =
      new Classification(RequestClass.FAST, 0.4, JobGate.ABSTAINED, "unsure (deep at 0.60)");

  @Test
  void an_abstained_answer_ends_with_how_to_ask_for_a_job() {
    ChatResult hinted = JobHint.added(answer(ABSTAINED, "Here is the answer."), true);

    assertThat(hinted.content()).startsWith("Here is the answer.").endsWith(JobHint.LINE);
    assertThat(hinted.content()).contains("coracle-deep").contains("coracle-research");
  }

  @Test
  void a_sure_answer_or_a_chat_that_cannot_start_jobs_gets_no_hint() {
    ChatResult sure =
        answer(new Classification(RequestClass.FAST, 0.9, "embedding", "x"), "An answer.");
    ChatResult abstained = answer(ABSTAINED, "An answer.");

    assertThat(JobHint.added(sure, true)).isSameAs(sure);
    assertThat(JobHint.added(abstained, false)).isSameAs(abstained);
  }

  @Test
  void a_coding_agents_turn_or_a_text_completion_could_never_start_a_job() {
    List<ChatMessage> messages = List.of(new ChatMessage("user", "refactor it"));
    AgentTools tools =
        new AgentTools(
            List.of(new ToolDefinition("Bash", "runs a command", "{}", null)), null, null);

    assertThat(JobHint.couldStartJob(new ChatCall("coracle", messages, null, null, null), true))
        .isTrue();
    assertThat(JobHint.couldStartJob(new ChatCall("coracle", messages, null, tools, null), true))
        .isFalse();
    assertThat(JobHint.couldStartJob(new ChatCall("coracle", messages, null, null, null), false))
        .isFalse();
  }

  private static ChatResult answer(Classification classification, String content) {
    return new ChatResult(
        classification, "ollama", "qwen", content, "stop", Usage.NONE, 5, List.of());
  }
}
