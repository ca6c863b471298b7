package dev.coracle.worker.visibility;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.ListNamespacesResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ListNamespaces}. The test server takes any namespace name as registered, so there is no
 * list to read: this answers with the embedded namespace and any other a worker has polled in, each
 * described by the test server itself so ids match what {@code DescribeNamespace} says.
 */
final class NamespaceDirectory {
  private final WorkflowServiceImplBase testService;
  private final String embeddedNamespace;
  private final PollerRegistry pollers;

  NamespaceDirectory(
      WorkflowServiceImplBase testService, String embeddedNamespace, PollerRegistry pollers) {
    this.testService = testService;
    this.embeddedNamespace = embeddedNamespace;
    this.pollers = pollers;
  }

  ListNamespacesResponse list(ListNamespacesRequest request) {
    Set<String> names = new TreeSet<>(pollers.namespaces());
    names.add(embeddedNamespace);
    ListNamespacesResponse.Builder response = ListNamespacesResponse.newBuilder();
    for (String name : names) {
      response.addNamespaces(
          DirectCall.call(
              testService::describeNamespace,
              DescribeNamespaceRequest.newBuilder().setNamespace(name).build()));
    }
    return response.build();
  }
}
