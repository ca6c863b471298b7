package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobScopeTest {

  @Test
  void a_prompt_that_asks_for_one_line_or_a_title_is_too_small_for_a_job() {
    assertThat(JobScope.tooSmall("Write a one-line release note for the parser bug fix"))
        .hasValueSatisfying(why -> assertThat(why).contains("one line"));
    assertThat(JobScope.tooSmall("write a PR title for: add retry to the uploader")).isPresent();
    assertThat(JobScope.tooSmall("make up 5 test email addresses")).isPresent();
    assertThat(JobScope.tooSmall("Summarize this text: revenue grew 12% this quarter")).isPresent();
  }

  @Test
  void one_or_two_words_are_too_short_to_describe_work() {
    assertThat(JobScope.tooSmall("kubernetes")).hasValue("too short to describe work");
    assertThat(JobScope.tooSmall("  Docker?? ")).isPresent();
  }

  @Test
  void work_in_any_language_leaves_the_size_open() {
    assertThat(JobScope.tooSmall("refactor the auth module to use JWT and update the tests"))
        .isEmpty();
    assertThat(JobScope.tooSmall("write a migration that splits the name column in two")).isEmpty();
    // Written without spaces: each character counts as a word.
    assertThat(JobScope.tooSmall("重构用户模块，并补充单元测试")).isEmpty();
  }

  @Test
  void a_megabyte_of_text_is_read_in_linear_time() {
    // RE2: no backtracking, so this returns at once; a regression would hang the build.
    assertThat(JobScope.tooSmall("please ".repeat(150_000) + "write a one-line summary"))
        .isPresent();
  }

  @Test
  void a_question_about_a_fact_of_the_past_is_never_a_job() {
    assertThat(JobScope.tooSmall("when was Kubernetes first released?"))
        .hasValue("asks about a fact of the past");
    assertThat(JobScope.tooSmall("who wrote the first C compiler")).isPresent();
    assertThat(JobScope.tooSmall("Wann wurde Java veröffentlicht?")).isPresent();
    assertThat(JobScope.tooSmall("в каком году появился Linux?")).isPresent();
  }

  @Test
  void a_question_about_the_current_state_is_left_to_the_classifier() {
    assertThat(JobScope.tooSmall("who maintains the xz project now?")).isEmpty();
    assertThat(JobScope.tooSmall("when was the latest Kotlin version released?")).isEmpty();
  }

  @Test
  void a_question_about_how_far_work_has_got_asks_about_a_job_not_for_one() {
    assertThat(JobScope.asksProgress("where r we with the test fixes")).isTrue();
    assertThat(JobScope.asksProgress("how far along is the dependency upgrade?")).isTrue();
    assertThat(JobScope.asksProgress("status of the bundle size work?")).isTrue();
    assertThat(JobScope.asksProgress("any update on the search rewrite?")).isTrue();
    assertThat(JobScope.asksProgress("write an update on the roadmap for the blog")).isFalse();
    assertThat(JobScope.asksProgress("refactor the status page and add tests")).isFalse();
  }

  @Test
  void a_question_about_coracles_own_quotas_providers_or_tokens_asks_about_its_state() {
    assertThat(JobScope.asksOwnState("how much free quota is left on groq?")).isTrue();
    assertThat(JobScope.asksOwnState("how many tokens have we burned today?")).isTrue();
    assertThat(JobScope.asksOwnState("which providers are down right now")).isTrue();
    assertThat(JobScope.asksOwnState("when does the gemini daily window reset for my quota?"))
        .isTrue();
  }

  @Test
  void a_question_about_free_tiers_or_providers_in_general_is_left_to_the_classifier() {
    assertThat(JobScope.asksOwnState("which LLM APIs have a free tier right now?")).isFalse();
    assertThat(JobScope.asksOwnState("compare the free tiers of Groq, Gemini and OpenRouter"))
        .isFalse();
    assertThat(
            JobScope.asksOwnState(
                "add a per-user quota to our API so nobody uses more than 100 requests a minute"))
        .isFalse();
  }

  @Test
  void rewriting_converting_or_translating_a_supplied_text_is_one_answer() {
    assertThat(
            JobScope.tooSmall(
                "rewrite this to sound more professional: hey all, the deploy broke, fixing it"))
        .isPresent();
    assertThat(
            JobScope.tooSmall(
                "convert this curl to python requests: curl -X POST https://example.test -d x=1"))
        .isPresent();
    assertThat(JobScope.tooSmall("Traduci in inglese: \"Il file richiesto non esiste\""))
        .isPresent();
    assertThat(JobScope.tooSmall("convert the whole project to typescript and fix the build"))
        .isEmpty();
  }

  @Test
  void the_title_a_coding_agent_asks_for_its_chat_list_is_one_answer() {
    assertThat(
            JobScope.tooSmall(
                "Generate a short title for this conversation: the user asked to migrate the"
                    + " billing service to Kotlin and add integration tests"))
        .isPresent();
    assertThat(JobScope.tooSmall("Write a 3-6 word title summarizing: refactor the auth module"))
        .isPresent();
    assertThat(
            JobScope.tooSmall("add a title field to the conversation model and migrate the table"))
        .isEmpty();
  }

  @Test
  void turning_a_pasted_command_into_another_language_is_one_answer() {
    assertThat(JobScope.tooSmall("turn this into go: curl -s https://example.test/api?id=4"))
        .isPresent();
    assertThat(JobScope.tooSmall("turn this monolith into microservices, with tests")).isEmpty();
  }

  @Test
  void progress_questions_in_spanish_and_french_ask_about_a_job() {
    assertThat(JobScope.asksProgress("oye, ya terminó la migración a postgres o sigue?")).isTrue();
    assertThat(JobScope.asksProgress("t'en es où sur la migration des tests ?")).isTrue();
    assertThat(JobScope.asksProgress("où en est le portage vers Kotlin ?")).isTrue();
    assertThat(JobScope.asksProgress("termina la migración a postgres y añade tests")).isFalse();
  }

  @Test
  void a_breakdown_of_coracles_own_usage_asks_about_its_state() {
    assertThat(JobScope.asksOwnState("give me a breakdown of today's tokens per provider"))
        .isTrue();
    assertThat(JobScope.asksOwnState("show me which providers are in cooldown")).isTrue();
    assertThat(JobScope.asksOwnState("give me a list of payment providers for a SaaS in Europe"))
        .isFalse();
  }
}
