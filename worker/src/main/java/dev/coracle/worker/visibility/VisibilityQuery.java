package dev.coracle.worker.visibility;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.Comparator;

/**
 * A parsed list filter: which executions match, and in which order they come back.
 *
 * <p>Executions are ordered by start time, newest first unless the query says {@code ORDER BY
 * StartTime ASC}, and then by run id, so the order is total and a page token can name a position in
 * it.
 */
final class VisibilityQuery {
  private final String text;
  private final Condition condition;
  private final boolean ascending;
  private final boolean needsDescribe;

  VisibilityQuery(String text, Condition condition, boolean ascending, boolean needsDescribe) {
    this.text = text;
    this.condition = condition;
    this.ascending = ascending;
    this.needsDescribe = needsDescribe;
  }

  /**
   * Parses a query in the supported subset of Temporal's list filter.
   *
   * @throws InvalidQueryException naming what is wrong or not supported
   */
  static VisibilityQuery parse(String text) {
    return QueryParser.parse(text);
  }

  String text() {
    return text;
  }

  boolean matches(WorkflowExecutionInfo info) {
    return condition.test(info);
  }

  /** Whether the filter reads a field that the test server's list calls leave out. */
  boolean needsDescribe() {
    return needsDescribe;
  }

  Comparator<ExecutionKey> order() {
    return ascending ? ExecutionKey.ORDER : ExecutionKey.ORDER.reversed();
  }
}
