package dev.coracle.worker.visibility;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.Set;

/**
 * A parsed filter, tested against one execution. A field the execution has no value for (the close
 * time of a running workflow) satisfies no comparison, as a SQL NULL would not.
 */
sealed interface Condition {
  boolean test(WorkflowExecutionInfo info);

  /** Matches every execution: what an empty query means. */
  record All() implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      return true;
    }
  }

  record And(Condition left, Condition right) implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      return left.test(info) && right.test(info);
    }
  }

  record Or(Condition left, Condition right) implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      return left.test(info) || right.test(info);
    }
  }

  record Compare(SearchField field, Operator operator, Object value) implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      Object actual = field.read(info);
      return actual != null && operator.holds(actual, value);
    }
  }

  record In(SearchField field, Set<Object> values) implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      Object actual = field.read(info);
      return actual != null && values.contains(actual);
    }
  }

  record StartsWith(SearchField field, String prefix) implements Condition {
    @Override
    public boolean test(WorkflowExecutionInfo info) {
      return field.read(info) instanceof String actual && actual.startsWith(prefix);
    }
  }
}
