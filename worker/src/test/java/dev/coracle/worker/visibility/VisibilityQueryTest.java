package dev.coracle.worker.visibility;

import static dev.coracle.worker.visibility.Executions.closed;
import static dev.coracle.worker.visibility.Executions.running;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityQueryTest {
  private static final WorkflowExecutionInfo RUNNING_JOB =
      running("job-01", "JobWorkflow", "2025-03-01T10:00:00Z");
  private static final WorkflowExecutionInfo DONE_JOB =
      closed(
          "job-02",
          "JobWorkflow",
          WORKFLOW_EXECUTION_STATUS_COMPLETED,
          "2025-03-01T09:00:00Z",
          "2025-03-01T09:30:00Z");
  private static final WorkflowExecutionInfo RUNNING_CHAT =
      running("chat-01", "ChatWorkflow", "2025-03-01T11:00:00Z");
  private static final WorkflowExecutionInfo FAILED_CHAT =
      closed(
          "chat-02",
          "ChatWorkflow",
          WORKFLOW_EXECUTION_STATUS_FAILED,
          "2025-03-01T08:00:00Z",
          "2025-03-01T08:00:05Z");
  private static final List<WorkflowExecutionInfo> ALL =
      List.of(RUNNING_JOB, DONE_JOB, RUNNING_CHAT, FAILED_CHAT);

  private static List<String> matching(String query) {
    VisibilityQuery parsed = VisibilityQuery.parse(query);
    return ALL.stream()
        .filter(parsed::matches)
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }

  @Test
  void an_empty_query_matches_every_execution() {
    assertThat(matching("")).hasSize(4);
    assertThat(matching("   ")).hasSize(4);
  }

  @Test
  void and_needs_both_status_and_type_to_match() {
    assertThat(matching("ExecutionStatus='Running' AND WorkflowType='JobWorkflow'"))
        .containsExactly("job-01");
  }

  @Test
  void or_binds_looser_than_and() {
    assertThat(
            matching(
                "WorkflowType='ChatWorkflow' AND ExecutionStatus='Failed' OR WorkflowId='job-02'"))
        .containsExactlyInAnyOrder("chat-02", "job-02");
    assertThat(
            matching(
                "WorkflowType='ChatWorkflow' AND (ExecutionStatus='Failed' OR WorkflowId='job-02')"))
        .containsExactly("chat-02");
  }

  @Test
  void field_names_are_case_sensitive_as_on_a_real_cluster() {
    assertThatThrownBy(() -> VisibilityQuery.parse("executionstatus = 'Running'"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'executionstatus' is not supported");
  }

  @Test
  void keywords_and_status_names_are_case_insensitive() {
    assertThat(matching("ExecutionStatus = 'running' and WorkflowType = 'ChatWorkflow'"))
        .containsExactly("chat-01");
  }

  @Test
  void not_equal_excludes_the_value() {
    assertThat(matching("ExecutionStatus != 'Running'")).containsExactly("job-02", "chat-02");
    assertThat(matching("WorkflowType <> 'JobWorkflow'")).containsExactly("chat-01", "chat-02");
  }

  @Test
  void start_time_compares_against_rfc3339_timestamps() {
    assertThat(matching("StartTime > '2025-03-01T09:00:00Z'")).containsExactly("job-01", "chat-01");
    assertThat(matching("StartTime >= '2025-03-01T09:00:00Z'"))
        .containsExactly("job-01", "job-02", "chat-01");
    assertThat(matching("StartTime < '2025-03-01T09:00:00Z'")).containsExactly("chat-02");
    assertThat(matching("StartTime <= '2025-03-01T09:00:00Z'"))
        .containsExactly("job-02", "chat-02");
    assertThat(matching("StartTime = '2025-03-01T11:00:00Z'")).containsExactly("chat-01");
    assertThat(matching("StartTime = '2025-03-01T12:00:00+01:00'"))
        .as("an offset names the same instant")
        .containsExactly("chat-01");
  }

  @Test
  void close_time_never_matches_a_running_execution() {
    assertThat(matching("CloseTime > '2000-01-01T00:00:00Z'")).containsExactly("job-02", "chat-02");
    assertThat(matching("CloseTime != '2000-01-01T00:00:00Z'"))
        .containsExactly("job-02", "chat-02");
  }

  @Test
  void between_includes_both_ends() {
    assertThat(
            matching(
                "StartTime BETWEEN '2025-03-01T09:00:00Z' AND '2025-03-01T10:00:00Z'"
                    + " AND WorkflowType='JobWorkflow'"))
        .containsExactly("job-01", "job-02");
  }

  @Test
  void starts_with_matches_a_workflow_id_prefix() {
    assertThat(matching("WorkflowId STARTS_WITH 'job-'")).containsExactly("job-01", "job-02");
  }

  @Test
  void in_matches_any_listed_value() {
    assertThat(matching("ExecutionStatus IN ('Completed', 'Failed')"))
        .containsExactly("job-02", "chat-02");
  }

  @Test
  void every_status_name_temporal_uses_is_understood() {
    for (String name :
        List.of(
            "Running",
            "Completed",
            "Failed",
            "Canceled",
            "Terminated",
            "ContinuedAsNew",
            "TimedOut")) {
      VisibilityQuery.parse("ExecutionStatus = '" + name + "'");
    }
    assertThat(SearchField.ExecutionStatusName.parse("ContinuedAsNew"))
        .isEqualTo(WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(SearchField.ExecutionStatusName.parse("TimedOut"))
        .isEqualTo(WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
  }

  @Test
  void quoted_values_may_use_double_quotes_and_escapes() {
    assertThat(matching("WorkflowId = \"job-01\"")).containsExactly("job-01");
    assertThat(VisibilityQuery.parse("WorkflowId = 'it\\'s'").matches(RUNNING_JOB)).isFalse();
  }

  @Test
  void order_is_newest_first_unless_ascending_is_asked_for() {
    assertThat(sorted("")).containsExactly("chat-01", "job-01", "job-02", "chat-02");
    assertThat(sorted("ORDER BY StartTime DESC"))
        .containsExactly("chat-01", "job-01", "job-02", "chat-02");
    assertThat(sorted("ExecutionStatus != 'Failed' order by StartTime asc"))
        .containsExactly("job-02", "job-01", "chat-01");
  }

  @Test
  void only_close_time_and_task_queue_need_a_describe() {
    assertThat(
            VisibilityQuery.parse("WorkflowType='X' OR StartTime > '2025-01-01T00:00:00Z'")
                .needsDescribe())
        .isFalse();
    assertThat(VisibilityQuery.parse("CloseTime > '2025-01-01T00:00:00Z'").needsDescribe())
        .isTrue();
    assertThat(VisibilityQuery.parse("TaskQueue = 'coracle'").needsDescribe()).isTrue();
  }

  @Test
  void an_unsupported_field_is_named_with_the_supported_ones() {
    assertThatThrownBy(() -> VisibilityQuery.parse("CustomKeywordField = 'x'"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'CustomKeywordField' is not supported")
        .hasMessageContaining("WorkflowType")
        .hasMessageContaining("StartTime");
  }

  @Test
  void syntax_errors_say_what_was_expected_and_where() {
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType = 'A' AND"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(
            "syntax error in query: expected a search attribute name, found the end of the query");
    assertThatThrownBy(() -> VisibilityQuery.parse("(WorkflowType = 'A'"))
        .hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType = A"))
        .hasMessageContaining("expected a quoted value for WorkflowType, found 'A' at position 16");
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType = 'A"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType ~ 'A'"))
        .hasMessageContaining("unexpected character '~' at position 14");
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType = 'A' WorkflowId = 'b'"))
        .hasMessageContaining("expected AND, OR, ORDER BY or the end of the query");
  }

  @Test
  void sql_features_beyond_the_subset_are_named_as_unsupported() {
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowType = 'A' GROUP BY ExecutionStatus"))
        .hasMessageContaining("GROUP BY is not supported");
    assertThatThrownBy(() -> VisibilityQuery.parse("NOT WorkflowType = 'A'"))
        .hasMessageContaining("NOT is not supported");
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowId LIKE 'job%'"))
        .hasMessageContaining("LIKE is not supported");
    assertThatThrownBy(() -> VisibilityQuery.parse("ORDER BY CloseTime"))
        .hasMessageContaining("ORDER BY CloseTime is not supported");
  }

  @Test
  void operators_must_suit_the_field() {
    assertThatThrownBy(() -> VisibilityQuery.parse("WorkflowId > 'job-'"))
        .hasMessage("WorkflowId does not take >; it takes =, !=, IN and STARTS_WITH");
    assertThatThrownBy(() -> VisibilityQuery.parse("StartTime STARTS_WITH '2025'"))
        .hasMessageContaining("StartTime does not take STARTS_WITH");
  }

  @Test
  void bad_literals_say_what_would_be_accepted() {
    assertThatThrownBy(() -> VisibilityQuery.parse("StartTime > 'yesterday'"))
        .hasMessageContaining("RFC3339");
    assertThatThrownBy(() -> VisibilityQuery.parse("ExecutionStatus = 'Done'"))
        .hasMessageContaining("unknown ExecutionStatus 'Done'")
        .hasMessageContaining("ContinuedAsNew");
  }

  private static List<String> sorted(String query) {
    VisibilityQuery parsed = VisibilityQuery.parse(query);
    Comparator<ExecutionKey> order = parsed.order();
    return ALL.stream()
        .filter(parsed::matches)
        .sorted(Comparator.comparing(ExecutionKey::of, order))
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }
}
