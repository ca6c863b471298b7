package dev.coracle.activities.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.PlanParse;
import dev.coracle.workflows.job.Verdict;
import org.junit.jupiter.api.Test;

class PlanActivitiesImplTest {
  private final PlanActivitiesImpl parser = new PlanActivitiesImpl();
  private final JobLimits limits = new JobLimits(3, 8, 2, 2000);

  @Test
  void plan_in_code_fences_with_preamble_is_read() {
    String raw =
        """
        Here is the plan:
        ```json
        {"summary": "add a greeting", "steps": [
          {"goal": "write hello.py", "files": ["./src/hello.py"], "tools": ["write_file"],
           "done_criteria": "hello.py prints hello"}]}
        ```""";
    PlanParse parsed = parser.parsePlan(raw, limits);
    assertThat(parsed.valid()).isTrue();
    assertThat(parsed.plan().summary()).isEqualTo("add a greeting");
    assertThat(parsed.plan().steps()).hasSize(1);
    assertThat(parsed.plan().steps().get(0).files()).containsExactly("src/hello.py");
    assertThat(parsed.plan().steps().get(0).doneCriteria()).isEqualTo("hello.py prints hello");
  }

  @Test
  void paths_that_leave_the_workspace_are_dropped() {
    String raw =
        """
        {"steps": [{"goal": "g", "files": ["/etc/passwd", "../up.txt", "a/../../b", "ok.txt", "~/x"]}]}""";
    PlanParse parsed = parser.parsePlan(raw, limits);
    assertThat(parsed.plan().steps().get(0).files()).containsExactly("ok.txt");
    assertThat(parsed.plan().steps().get(0).doneCriteria())
        .isEqualTo(PlanActivitiesImpl.DEFAULT_DONE);
  }

  @Test
  void a_plan_longer_than_the_limit_is_cut() {
    String raw = "{\"steps\": [\"one\", \"two\", \"three\", \"four\", \"five\"]}";
    PlanParse parsed = parser.parsePlan(raw, limits);
    assertThat(parsed.plan().steps())
        .extracting(s -> s.goal())
        .containsExactly("one", "two", "three");
  }

  @Test
  void no_json_empty_steps_and_missing_goals_are_refused_with_a_reason() {
    assertThat(parser.parsePlan("I cannot plan this.", limits).error()).contains("no JSON");
    assertThat(parser.parsePlan("{\"steps\": []}", limits).error()).contains("non-empty");
    assertThat(parser.parsePlan("{\"steps\": [{\"files\": []}]}", limits).error())
        .contains("step 1 has no \"goal\"");
  }

  @Test
  void verdicts_are_read_and_unreadable_ones_continue() {
    Verdict replan =
        parser.parseVerdict(
            "{\"decision\": \"Replan\", \"reason\": \"tests fail\", \"learned\": \"uses pytest\"}");
    assertThat(replan.decision()).isEqualTo(Verdict.REPLAN);
    assertThat(replan.learned()).isEqualTo("uses pytest");
    assertThat(parser.parseVerdict("looks fine to me").decision()).isEqualTo(Verdict.CONTINUE);
    assertThat(parser.parseVerdict("{\"decision\": \"maybe\"}").reason()).contains("unknown");
  }
}
