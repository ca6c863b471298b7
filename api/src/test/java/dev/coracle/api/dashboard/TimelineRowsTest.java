package dev.coracle.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History events as the timeline names them: by activity, attempt, signal and version. */
class TimelineRowsTest {

  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  @Test
  void an_activity_retry_a_signal_and_a_version_marker_read_as_what_they_are() {
    HistoryEvent scheduled =
        HistoryEvent.newBuilder()
            .setEventId(5)
            .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("CallModel"))
                    .setInput(Payloads.newBuilder().addPayloads(json("{\"model\":\"m\"}"))))
            .build();
    HistoryEvent retried =
        HistoryEvent.newBuilder()
            .setEventId(6)
            .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder()
                    .setScheduledEventId(5)
                    .setAttempt(3)
                    .setLastFailure(
                        Failure.newBuilder()
                            .setMessage("429 from upstream")
                            .setApplicationFailureInfo(
                                ApplicationFailureInfo.newBuilder().setType("RATE_LIMITED"))))
            .build();
    HistoryEvent signal =
        HistoryEvent.newBuilder()
            .setEventId(7)
            .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
            .setWorkflowExecutionSignaledEventAttributes(
                WorkflowExecutionSignaledEventAttributes.newBuilder().setSignalName("pause"))
            .build();
    HistoryEvent version =
        HistoryEvent.newBuilder()
            .setEventId(8)
            .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
            .setMarkerRecordedEventAttributes(
                MarkerRecordedEventAttributes.newBuilder()
                    .setMarkerName("Version")
                    .putDetails(
                        "changeId", Payloads.newBuilder().addPayloads(json("\"x-1\"")).build())
                    .putDetails("version", Payloads.newBuilder().addPayloads(json("2")).build()))
            .build();

    List<TimelineRow> rows = TimelineRows.of(List.of(scheduled, retried, signal, version));

    assertThat(rows)
        .extracting(TimelineRow::kind, TimelineRow::title)
        .containsExactly(
            tuple("activity", "Activity CallModel scheduled on "),
            tuple("retry", "Activity CallModel started (attempt 3)"),
            tuple("signal", "Signal pause received"),
            tuple("version", "Version marker \"x-1\" = 2"));
    assertThat(rows.get(0).detail()).isEqualTo("{\"model\":\"m\"}");
    assertThat(rows.get(1).detail()).isEqualTo("last failure: 429 from upstream [RATE_LIMITED]");
  }

  @Test
  void a_long_payload_is_cut_and_says_how_long_it_was() {
    String preview =
        PayloadPreview.of(json("\"" + "a".repeat(PayloadPreview.MAX_CHARS * 2) + "\""));

    assertThat(preview).hasSizeLessThan(PayloadPreview.MAX_CHARS + 40).endsWith("(802 chars)");
  }

  @Test
  void html_is_escaped_and_round_axes_are_round() {
    assertThat(Html.esc("<script>\"&'")).isEqualTo("&lt;script&gt;&quot;&amp;&#39;");
    assertThat(BarChart.roundUp(7)).isEqualTo(10);
    assertThat(BarChart.roundUp(1036)).isEqualTo(2000);
    assertThat(BarChart.roundUp(0)).isEqualTo(1);
  }
}
