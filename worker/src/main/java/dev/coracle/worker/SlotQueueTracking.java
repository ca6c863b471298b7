package dev.coracle.worker;

import dev.coracle.workflows.TaskQueues;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Feeds {@link SlotQueue}: a workflow scheduling a call on the LLM slot's queue, the first attempt
 * of such a call starting, and the end of a workflow run. What a replay schedules again was counted
 * the first time and is skipped. Nothing here changes what a workflow does.
 */
final class SlotQueueTracking extends WorkerInterceptorBase {
  private final SlotQueue queue;

  SlotQueueTracking(SlotQueue queue) {
    this.queue = queue;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Scheduling(outbound));
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        String workflowId = Workflow.getInfo().getWorkflowId();
        try {
          return super.execute(input);
        } finally {
          // Also when the worker evicts the run from its cache: its calls are then forgotten here,
          // which can only make the depth read low, never stuck high.
          queue.runEnded(workflowId);
        }
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public void init(ActivityExecutionContext context) {
        ActivityInfo info = context.getInfo();
        if (TaskQueues.isLlmSlot(info.getActivityTaskQueue()) && info.getAttempt() == 1) {
          queue.started(info.getWorkflowId());
        }
        super.init(context);
      }
    };
  }

  private final class Scheduling extends WorkflowOutboundCallsInterceptorBase {
    Scheduling(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      ActivityOptions options = input.getOptions();
      if (options != null
          && TaskQueues.isLlmSlot(options.getTaskQueue())
          && !Workflow.isReplaying()) {
        queue.scheduled(Workflow.getInfo().getWorkflowId(), giveUpAfter(options));
      }
      return super.executeActivity(input);
    }

    private static Duration giveUpAfter(ActivityOptions options) {
      return options.getScheduleToStartTimeout() != null
          ? options.getScheduleToStartTimeout()
          : options.getScheduleToCloseTimeout();
    }
  }
}
