package dev.coracle.api.dashboard;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a workflow's history events into timeline rows: activities by name (with the attempt when
 * one was retried), failures, timers, signals, version markers and the workflow's own start and
 * end. Later events of an activity or timer name it by the event that scheduled it.
 */
final class TimelineRows {
  private final Map<Long, String> activities = new HashMap<>();
  private final Map<Long, String> timers = new HashMap<>();

  private TimelineRows() {}

  static List<TimelineRow> of(List<HistoryEvent> events) {
    TimelineRows rows = new TimelineRows();
    List<TimelineRow> out = new ArrayList<>(events.size());
    for (HistoryEvent event : events) {
      out.add(rows.row(event));
    }
    return out;
  }

  private TimelineRow row(HistoryEvent event) {
    long id = event.getEventId();
    long at =
        event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    return switch (event.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        var a = event.getWorkflowExecutionStartedEventAttributes();
        yield new TimelineRow(
            id,
            at,
            "workflow",
            "Workflow "
                + a.getWorkflowType().getName()
                + " started on "
                + a.getTaskQueue().getName(),
            preview(a.getInput()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        ActivityTaskScheduledEventAttributes a = event.getActivityTaskScheduledEventAttributes();
        activities.put(id, a.getActivityType().getName());
        yield new TimelineRow(
            id,
            at,
            "activity",
            "Activity "
                + a.getActivityType().getName()
                + " scheduled on "
                + a.getTaskQueue().getName(),
            preview(a.getInput()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var a = event.getActivityTaskStartedEventAttributes();
        String name = activities.getOrDefault(a.getScheduledEventId(), "?");
        boolean retried = a.getAttempt() > 1;
        yield new TimelineRow(
            id,
            at,
            retried ? "retry" : "activity",
            "Activity " + name + " started" + (retried ? " (attempt " + a.getAttempt() + ")" : ""),
            a.hasLastFailure() ? "last failure: " + PayloadPreview.of(a.getLastFailure()) : "");
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var a = event.getActivityTaskCompletedEventAttributes();
        yield new TimelineRow(
            id,
            at,
            "activity",
            "Activity " + activities.getOrDefault(a.getScheduledEventId(), "?") + " completed",
            preview(a.getResult()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var a = event.getActivityTaskFailedEventAttributes();
        yield new TimelineRow(
            id,
            at,
            "failure",
            "Activity " + activities.getOrDefault(a.getScheduledEventId(), "?") + " failed",
            PayloadPreview.of(a.getFailure()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var a = event.getActivityTaskTimedOutEventAttributes();
        yield new TimelineRow(
            id,
            at,
            "failure",
            "Activity " + activities.getOrDefault(a.getScheduledEventId(), "?") + " timed out",
            PayloadPreview.of(a.getFailure()));
      }
      case EVENT_TYPE_TIMER_STARTED -> {
        var a = event.getTimerStartedEventAttributes();
        timers.put(id, a.getTimerId());
        yield new TimelineRow(
            id,
            at,
            "timer",
            "Timer " + a.getTimerId() + " started",
            "fires after "
                + Html.duration(
                    a.getStartToFireTimeout().getSeconds() * 1000
                        + a.getStartToFireTimeout().getNanos() / 1_000_000));
      }
      case EVENT_TYPE_TIMER_FIRED ->
          new TimelineRow(
              id,
              at,
              "timer",
              "Timer " + event.getTimerFiredEventAttributes().getTimerId() + " fired",
              "");
      case EVENT_TYPE_TIMER_CANCELED ->
          new TimelineRow(
              id,
              at,
              "timer",
              "Timer " + event.getTimerCanceledEventAttributes().getTimerId() + " cancelled",
              "");
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var a = event.getWorkflowExecutionSignaledEventAttributes();
        yield new TimelineRow(
            id, at, "signal", "Signal " + a.getSignalName() + " received", preview(a.getInput()));
      }
      case EVENT_TYPE_MARKER_RECORDED -> marker(id, at, event.getMarkerRecordedEventAttributes());
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
          new TimelineRow(
              id,
              at,
              "workflow",
              "Workflow completed",
              preview(event.getWorkflowExecutionCompletedEventAttributes().getResult()));
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          new TimelineRow(
              id,
              at,
              "failure",
              "Workflow failed",
              PayloadPreview.of(event.getWorkflowExecutionFailedEventAttributes().getFailure()));
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          new TimelineRow(id, at, "workflow", "Workflow continued as new", "");
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          new TimelineRow(
              id,
              at,
              "failure",
              "Workflow terminated",
              event.getWorkflowExecutionTerminatedEventAttributes().getReason());
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ->
          new TimelineRow(id, at, "workflow", "Workflow cancelled", "");
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
          new TimelineRow(id, at, "failure", "Workflow timed out", "");
      case EVENT_TYPE_WORKFLOW_TASK_FAILED ->
          new TimelineRow(
              id,
              at,
              "failure",
              "Workflow task failed",
              PayloadPreview.of(event.getWorkflowTaskFailedEventAttributes().getFailure()));
      default -> new TimelineRow(id, at, "task", readable(event.getEventType().name()), "");
    };
  }

  /**
   * A marker: {@code Version} markers record a {@code Workflow.getVersion} decision (change id and
   * version); others, such as side effects, show their details.
   */
  private static TimelineRow marker(long id, long at, MarkerRecordedEventAttributes a) {
    if ("Version".equals(a.getMarkerName())) {
      String change =
          a.getDetailsMap().containsKey("changeId")
              ? PayloadPreview.of(a.getDetailsMap().get("changeId"))
              : "?";
      String version =
          a.getDetailsMap().containsKey("version")
              ? PayloadPreview.of(a.getDetailsMap().get("version"))
              : "?";
      return new TimelineRow(id, at, "version", "Version marker " + change + " = " + version, "");
    }
    if ("LocalActivity".equals(a.getMarkerName())) {
      return localActivity(id, at, a);
    }
    List<String> details = new ArrayList<>();
    a.getDetailsMap().forEach((key, value) -> details.add(key + ": " + PayloadPreview.of(value)));
    return new TimelineRow(
        id, at, "version", "Marker " + a.getMarkerName(), String.join("; ", details));
  }

  /**
   * A local activity runs inside the workflow task and leaves only a marker: its type, input and
   * result (or failure) are the marker's details.
   */
  private static TimelineRow localActivity(long id, long at, MarkerRecordedEventAttributes a) {
    var details = a.getDetailsMap();
    String type =
        details.containsKey("type")
            ? PayloadPreview.of(details.get("type")).replace("\"", "")
            : "?";
    if (a.hasFailure()) {
      return new TimelineRow(
          id,
          at,
          "failure",
          "Local activity " + type + " failed",
          PayloadPreview.of(a.getFailure()));
    }
    String result = details.containsKey("result") ? PayloadPreview.of(details.get("result")) : "";
    return new TimelineRow(id, at, "activity", "Local activity " + type + " completed", result);
  }

  private static String preview(Payloads payloads) {
    return payloads.getPayloadsCount() == 0 ? "" : PayloadPreview.of(payloads);
  }

  /** {@code EVENT_TYPE_WORKFLOW_TASK_SCHEDULED} as {@code Workflow task scheduled}. */
  static String readable(String eventType) {
    String words = eventType.replaceFirst("^EVENT_TYPE_", "").replace('_', ' ').toLowerCase();
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
