package dev.coracle.worker.visibility;

import io.grpc.Status;
import io.temporal.api.enums.v1.DescribeTaskQueueMode;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueueTypeInfo;
import io.temporal.api.taskqueue.v1.TaskQueueVersionInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueResponse;
import java.util.List;

/**
 * {@code DescribeTaskQueue}: the pollers the embedded service has seen. No backlog counts or
 * versioning information; the test server keeps neither in a form it can report.
 */
final class TaskQueueDescriber {
  private static final List<TaskQueueType> DEFAULT_TYPES =
      List.of(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY);

  private final PollerRegistry pollers;

  TaskQueueDescriber(PollerRegistry pollers) {
    this.pollers = pollers;
  }

  DescribeTaskQueueResponse describe(DescribeTaskQueueRequest request) {
    String namespace = WorkflowListing.requireNamespace(request.getNamespace());
    String queue = request.getTaskQueue().getName();
    if (queue.isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Task queue not set on request.")
          .asRuntimeException();
    }
    if (request.getApiMode() == DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED) {
      return enhanced(request, namespace, queue);
    }
    TaskQueueType type =
        request.getTaskQueueType() == TaskQueueType.TASK_QUEUE_TYPE_UNSPECIFIED
            ? TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
            : request.getTaskQueueType();
    return DescribeTaskQueueResponse.newBuilder()
        .addAllPollers(pollers.pollers(namespace, queue, type))
        .build();
  }

  /** The newer shape, per type under the unversioned build (key ""), which newer CLIs ask for. */
  private DescribeTaskQueueResponse enhanced(
      DescribeTaskQueueRequest request, String namespace, String queue) {
    List<TaskQueueType> types =
        request.getTaskQueueTypesList().isEmpty() ? DEFAULT_TYPES : request.getTaskQueueTypesList();
    TaskQueueVersionInfo.Builder unversioned = TaskQueueVersionInfo.newBuilder();
    for (TaskQueueType type : types) {
      TaskQueueTypeInfo.Builder info = TaskQueueTypeInfo.newBuilder();
      if (request.getReportPollers()) {
        info.addAllPollers(pollers.pollers(namespace, queue, type));
      }
      unversioned.putTypesInfo(type.getNumber(), info.build());
    }
    return DescribeTaskQueueResponse.newBuilder().putVersionsInfo("", unversioned.build()).build();
  }
}
