package dev.coracle.worker.visibility;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Three tiny workflow types that end up in the three states a list filter tells apart. */
public final class ProbeWorkflows {
  private ProbeWorkflows() {}

  @WorkflowInterface
  public interface Finishing {
    @WorkflowMethod(name = "ProbeFinishing")
    String run();
  }

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod(name = "ProbeWaiting")
    void run();

    @SignalMethod(name = "release")
    void release();

    @QueryMethod(name = "state")
    String state();
  }

  @WorkflowInterface
  public interface Failing {
    @WorkflowMethod(name = "ProbeFailing")
    void run();
  }

  public static final class FinishingImpl implements Finishing {
    @Override
    public String run() {
      return "done";
    }
  }

  public static final class WaitingImpl implements Waiting {
    private boolean released;

    @Override
    public void run() {
      Workflow.await(() -> released);
    }

    @Override
    public void release() {
      released = true;
    }

    @Override
    public String state() {
      return released ? "released" : "waiting";
    }
  }

  public static final class FailingImpl implements Failing {
    @Override
    public void run() {
      throw ApplicationFailure.newNonRetryableFailure("probe failed on purpose", "ProbeFailure");
    }
  }
}
