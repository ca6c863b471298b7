package dev.coracle.worker.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The system search attributes the embedded server can filter on, each with how to read it from an
 * execution and how to read a literal of its type. {@code GetSearchAttributes} lists exactly these,
 * so a field the CLI is told about is one the filter accepts.
 */
enum SearchField {
  WORKFLOW_ID("WorkflowId", Kind.KEYWORD, false, info -> info.getExecution().getWorkflowId()),
  RUN_ID("RunId", Kind.KEYWORD, false, info -> info.getExecution().getRunId()),
  WORKFLOW_TYPE("WorkflowType", Kind.KEYWORD, false, info -> info.getType().getName()),
  EXECUTION_STATUS("ExecutionStatus", Kind.STATUS, false, WorkflowExecutionInfo::getStatus),
  // The test server's list calls leave out the task queue and the close time; only a describe
  // has them, so filtering on these costs one describe per execution.
  TASK_QUEUE("TaskQueue", Kind.KEYWORD, true, WorkflowExecutionInfo::getTaskQueue),
  START_TIME(
      "StartTime",
      Kind.DATETIME,
      false,
      info -> info.hasStartTime() ? ProtoTime.toInstant(info.getStartTime()) : null),
  CLOSE_TIME(
      "CloseTime",
      Kind.DATETIME,
      true,
      info -> info.hasCloseTime() ? ProtoTime.toInstant(info.getCloseTime()) : null);

  /** What a field's values are, which decides the operators and literals it takes. */
  enum Kind {
    KEYWORD,
    DATETIME,
    STATUS
  }

  private final String attribute;
  private final Kind kind;
  private final boolean needsDescribe;
  private final Function<WorkflowExecutionInfo, Object> reader;

  SearchField(
      String attribute,
      Kind kind,
      boolean needsDescribe,
      Function<WorkflowExecutionInfo, Object> reader) {
    this.attribute = attribute;
    this.kind = kind;
    this.needsDescribe = needsDescribe;
    this.reader = reader;
  }

  static Optional<SearchField> byAttribute(String name) {
    return Arrays.stream(values()).filter(f -> f.attribute.equals(name)).findFirst();
  }

  /** Every field with its index type, as {@code GetSearchAttributes} reports them. */
  static Map<String, IndexedValueType> indexedTypes() {
    Map<String, IndexedValueType> types = new LinkedHashMap<>();
    for (SearchField field : values()) {
      types.put(field.attribute, field.indexedType());
    }
    return types;
  }

  static String supportedNames() {
    return Arrays.stream(values()).map(SearchField::attribute).collect(Collectors.joining(", "));
  }

  String attribute() {
    return attribute;
  }

  Kind kind() {
    return kind;
  }

  boolean needsDescribe() {
    return needsDescribe;
  }

  IndexedValueType indexedType() {
    return kind == Kind.DATETIME
        ? IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
        : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  }

  /** The execution's value, or null where it has none (a running workflow's close time). */
  Object read(WorkflowExecutionInfo info) {
    Object value = reader.apply(info);
    return value instanceof String s && s.isEmpty() ? null : value;
  }

  /** Reads a quoted literal as a value of this field's kind. */
  Object literal(String text) {
    return switch (kind) {
      case KEYWORD -> text;
      case DATETIME -> parseTime(text);
      case STATUS -> ExecutionStatusName.parse(text);
    };
  }

  private Instant parseTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          attribute
              + " needs an RFC3339 timestamp such as '2025-01-31T08:00:00Z', not '"
              + text
              + "'");
    }
  }

  /** The names Temporal's list filter uses for execution statuses: 'Running', 'TimedOut', ... */
  static final class ExecutionStatusName {
    private ExecutionStatusName() {}

    static WorkflowExecutionStatus parse(String text) {
      for (WorkflowExecutionStatus status : WorkflowExecutionStatus.values()) {
        if (isNamed(status) && name(status).equalsIgnoreCase(text)) {
          return status;
        }
      }
      throw new InvalidQueryException(
          "unknown ExecutionStatus '"
              + text
              + "'; use one of "
              + Arrays.stream(WorkflowExecutionStatus.values())
                  .filter(ExecutionStatusName::isNamed)
                  .map(ExecutionStatusName::name)
                  .collect(Collectors.joining(", ")));
    }

    /** WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW becomes ContinuedAsNew. */
    static String name(WorkflowExecutionStatus status) {
      String[] words = status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).split("_");
      StringBuilder name = new StringBuilder();
      for (String word : words) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
      return name.toString();
    }

    private static boolean isNamed(WorkflowExecutionStatus status) {
      return status != WorkflowExecutionStatus.UNRECOGNIZED
          && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    }
  }
}
