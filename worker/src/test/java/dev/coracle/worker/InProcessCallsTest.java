package dev.coracle.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.NoopScope;
import dev.coracle.worker.floor.FloorActivitiesImpl;
import dev.coracle.worker.floor.FloorWorkflowImpl;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What reaches the embedded server from coracle's own client and worker on the in-process channel:
 * the calls answered on the caller's thread come without a deadline, the long polls keep theirs,
 * and nothing asks for compression.
 */
class InProcessCallsTest {
  private static final String QUEUE = "in-process-calls";

  /** What the server saw of each method's last call: a deadline, and the encoding it asked for. */
  private record Seen(boolean deadline, String encoding) {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  @Test
  void a_workflows_start_and_completion_carry_no_deadline_while_its_polls_keep_theirs()
      throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    services
        .getServices()
        .forEach(s -> builder.addService(ServerInterceptors.intercept(s, recorder())));
    Server server = builder.build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    WorkflowServiceStubs stubs = InProcessStubs.on(channel, new NoopScope());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    WorkerFactory workers = WorkerFactory.newInstance(client);
    try {
      var worker = workers.newWorker(QUEUE, WorkerTuning.main());
      worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
      worker.registerActivitiesImplementations(new FloorActivitiesImpl());
      workers.start();

      // Once with eager start (no poll for the first task) and once without (the task is polled).
      for (boolean eager : new boolean[] {true, false}) {
        WorkflowStub workflow =
            client.newUntypedWorkflowStub(
                "FloorWorkflow",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("calls-" + eager)
                    .setTaskQueue(QUEUE)
                    .setDisableEagerExecution(!eager)
                    .build());
        workflow.start("ping");
        assertThat(workflow.getResult(String.class)).isEqualTo("ping");
      }

      assertThat(seen.get(method("StartWorkflowExecution"))).isEqualTo(new Seen(false, null));
      assertThat(seen.get(method("RespondWorkflowTaskCompleted"))).isEqualTo(new Seen(false, null));
      // The test server answers a long poll empty when its deadline is near; it must keep one.
      assertThat(seen.get(method("PollWorkflowTaskQueue")).deadline()).isTrue();
      assertThat(seen.get(method("GetWorkflowExecutionHistory")).deadline()).isTrue();
      assertThat(seen.values()).extracting(Seen::encoding).containsOnlyNulls();
    } finally {
      workers.shutdownNow();
      workers.awaitTermination(2, TimeUnit.SECONDS);
      stubs.shutdownNow();
      channel.shutdownNow();
      server.shutdownNow();
      services.close();
    }
  }

  private ServerInterceptor recorder() {
    Metadata.Key<String> encoding =
        Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        seen.put(
            call.getMethodDescriptor().getFullMethodName(),
            new Seen(Context.current().getDeadline() != null, headers.get(encoding)));
        return next.startCall(call, headers);
      }
    };
  }

  private static String method(String name) {
    return WorkflowServiceGrpc.SERVICE_NAME + "/" + name;
  }
}
