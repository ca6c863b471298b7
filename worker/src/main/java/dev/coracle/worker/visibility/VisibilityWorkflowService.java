package dev.coracle.worker.visibility;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.temporal.api.workflowservice.v1.GetSearchAttributesResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Temporal's test workflow service with the visibility calls the {@code temporal} CLI needs added:
 * {@code ListWorkflowExecutions}, {@code CountWorkflowExecutions}, {@code GetSearchAttributes},
 * {@code ListNamespaces} and {@code DescribeTaskQueue}. The test server answers those with
 * UNIMPLEMENTED; every other method is the test server's own, untouched.
 *
 * <p>The test service is a final class with a package-private constructor, so this does not
 * subclass it: it takes the service's bound definition and swaps handlers method by method.
 */
public final class VisibilityWorkflowService implements BindableService {
  /** The namespace coracle's embedded server is used with. */
  public static final String EMBEDDED_NAMESPACE = "default";

  private final ServerServiceDefinition definition;

  VisibilityWorkflowService(
      WorkflowServiceImplBase testService,
      String namespace,
      Clock clock,
      ArchivedExecutions archive) {
    PollerRegistry pollers = new PollerRegistry(clock);
    WorkflowListing listing = new WorkflowListing(new ExecutionCatalog(testService, archive));
    NamespaceDirectory namespaces = new NamespaceDirectory(testService, namespace, pollers);
    TaskQueueDescriber taskQueues = new TaskQueueDescriber(pollers);

    Map<String, ServerMethodDefinition<?, ?>> added = new HashMap<>();
    add(added, WorkflowServiceGrpc.getListWorkflowExecutionsMethod(), listing::list);
    add(added, WorkflowServiceGrpc.getCountWorkflowExecutionsMethod(), listing::count);
    add(added, WorkflowServiceGrpc.getListNamespacesMethod(), namespaces::list);
    add(added, WorkflowServiceGrpc.getDescribeTaskQueueMethod(), taskQueues::describe);
    add(
        added,
        WorkflowServiceGrpc.getGetSearchAttributesMethod(),
        request ->
            GetSearchAttributesResponse.newBuilder()
                .putAllKeys(SearchField.indexedTypes())
                .build());

    ServerServiceDefinition original = testService.bindService();
    ServerServiceDefinition.Builder replaced =
        ServerServiceDefinition.builder(original.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
      replaced.addMethod(
          added.getOrDefault(method.getMethodDescriptor().getFullMethodName(), method));
    }
    for (String name : added.keySet()) {
      // A renamed method after an SDK upgrade would otherwise drop our handler without a word.
      if (original.getMethod(name) == null) {
        throw new IllegalStateException("the test server's workflow service has no " + name);
      }
    }
    this.definition =
        ServerInterceptors.intercept(
            replaced.build(), new PollRecorder(pollers), new ClosedGenerationNotice(archive));
  }

  /**
   * The starter's services with its workflow service replaced by this one. Give the result to both
   * the TCP and the in-process server, so coracle and outside tools see the same behaviour and one
   * poller record.
   */
  public static List<BindableService> servicesOf(TestServicesStarter starter) {
    return servicesOf(starter, ArchivedExecutions.NONE);
  }

  /** As {@link #servicesOf(TestServicesStarter)}, listing {@code archive} too. */
  public static List<BindableService> servicesOf(
      TestServicesStarter starter, ArchivedExecutions archive) {
    WorkflowServiceImplBase testService = starter.getWorkflowService();
    BindableService replacement =
        new VisibilityWorkflowService(testService, EMBEDDED_NAMESPACE, Clock.systemUTC(), archive);
    return starter.getServices().stream().map(s -> s == testService ? replacement : s).toList();
  }

  @Override
  public ServerServiceDefinition bindService() {
    return definition;
  }

  private static <Q, R> void add(
      Map<String, ServerMethodDefinition<?, ?>> added,
      MethodDescriptor<Q, R> method,
      Function<Q, R> handler) {
    added.put(
        method.getFullMethodName(),
        ServerMethodDefinition.create(
            method,
            ServerCalls.asyncUnaryCall(
                (request, observer) ->
                    GrpcAnswer.respond(observer, () -> handler.apply(request)))));
  }
}
