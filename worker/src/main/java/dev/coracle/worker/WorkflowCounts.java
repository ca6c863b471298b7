package dev.coracle.worker;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Counts workflow runs started and finished, by workflow type and outcome, through the workflow's
 * own metrics scope ({@code coracle_workflows_started_total}, {@code
 * coracle_workflows_finished_total}). That scope is Temporal's: it drops what a replay reports and
 * labels each count with the workflow type, namespace and task queue. Nothing here touches the
 * workflow's state, so histories replay the same with or without it.
 */
final class WorkflowCounts extends WorkerInterceptorBase {
  static final String STARTED = "coracle_workflows_started";
  static final String FINISHED = "coracle_workflows_finished";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Counting(next);
  }

  private static final class Counting extends WorkflowInboundCallsInterceptorBase {
    Counting(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outbound) {
      super.init(
          new WorkflowOutboundCallsInterceptorBase(outbound) {
            @Override
            public void continueAsNew(ContinueAsNewInput input) {
              finished("continued_as_new");
              super.continueAsNew(input);
            }
          });
    }

    /**
     * A run that ends by returning, by failing or by being cancelled is counted here; one that
     * continues as new is counted as it does so. A run whose thread is torn down because the worker
     * evicted it from its cache has not finished, and is not counted.
     */
    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      Workflow.getMetricsScope().counter(STARTED).inc(1);
      try {
        WorkflowOutput output = super.execute(input);
        finished("completed");
        return output;
      } catch (CanceledFailure cancelled) {
        finished("canceled");
        throw cancelled;
      } catch (TemporalFailure failure) {
        finished("failed");
        throw failure;
      }
    }

    private static void finished(String outcome) {
      Workflow.getMetricsScope().tagged(Map.of("outcome", outcome)).counter(FINISHED).inc(1);
    }
  }
}
