package dev.coracle.workflows.chat;

import dev.coracle.workflows.TaskQueues;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;

/** The test set-up the chat workflow's tests share, so each test states only what differs. */
final class ChatWorkers {
  private ChatWorkers() {}

  /**
   * A test server with a worker that runs {@link ChatWorkflowImpl}, left unstarted so each test
   * registers its own activities first.
   */
  static TestWorkflowExtension unstarted() {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(ChatWorkflowImpl.class)
        .setDoNotStart(true)
        .build();
  }

  /**
   * Registers {@code light} on the workflow's worker, calling fake models in process (the
   * in-process path), and fake models on each of {@code modelQueues}; then starts the server. Every
   * model call is logged in {@code attempts}.
   */
  static FakeLightActivities startInProcess(
      TestWorkflowEnvironment env,
      Worker worker,
      FakeLightActivities light,
      List<FakeModels.Attempt> attempts,
      String... modelQueues) {
    FakeModels inProcess = new FakeModels(TaskQueues.MAIN, attempts);
    worker.registerActivitiesImplementations(light.callingIn(inProcess), inProcess);
    for (String queue : modelQueues) {
      env.newWorker(queue).registerActivitiesImplementations(new FakeModels(queue, attempts));
    }
    env.start();
    return light;
  }
}
