package dev.coracle.worker.visibility;

import io.grpc.Status;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ListWorkflowExecutions} and {@code CountWorkflowExecutions} over the test server's own
 * open and closed lists: filter, order and page here, since the test server does none of it.
 */
final class WorkflowListing {
  /** A real cluster's default and largest page, used when page_size is zero or above it. */
  static final int MAX_PAGE_SIZE = 1000;

  private final ExecutionCatalog catalog;

  WorkflowListing(ExecutionCatalog catalog) {
    this.catalog = catalog;
  }

  ListWorkflowExecutionsResponse list(ListWorkflowExecutionsRequest request) {
    String namespace = requireNamespace(request.getNamespace());
    VisibilityQuery query = VisibilityQuery.parse(request.getQuery());
    Comparator<ExecutionKey> order = query.order();
    ExecutionKey after =
        request.getNextPageToken().isEmpty()
            ? null
            : PageToken.decode(query.text(), request.getNextPageToken());
    List<WorkflowExecutionInfo> remaining =
        matching(namespace, query).stream()
            .filter(info -> after == null || order.compare(ExecutionKey.of(info), after) > 0)
            .sorted(Comparator.comparing(ExecutionKey::of, order))
            .toList();
    int size =
        request.getPageSize() > 0 ? Math.min(request.getPageSize(), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    List<WorkflowExecutionInfo> page = remaining.subList(0, Math.min(size, remaining.size()));

    ListWorkflowExecutionsResponse.Builder response = ListWorkflowExecutionsResponse.newBuilder();
    for (WorkflowExecutionInfo info : page) {
      // Filling in only the page sent keeps a plain list cheap when thousands of chats are held.
      response.addExecutions(query.needsDescribe() ? info : catalog.complete(namespace, info));
    }
    if (remaining.size() > page.size()) {
      response.setNextPageToken(
          PageToken.encode(query.text(), ExecutionKey.of(page.get(page.size() - 1))));
    }
    return response.build();
  }

  /** Counts what the same query would list. GROUP BY is not supported, so there are no groups. */
  CountWorkflowExecutionsResponse count(CountWorkflowExecutionsRequest request) {
    String namespace = requireNamespace(request.getNamespace());
    VisibilityQuery query = VisibilityQuery.parse(request.getQuery());
    return CountWorkflowExecutionsResponse.newBuilder()
        .setCount(matching(namespace, query).size())
        .build();
  }

  private List<WorkflowExecutionInfo> matching(String namespace, VisibilityQuery query) {
    return catalog.summaries(namespace).stream()
        .map(info -> query.needsDescribe() ? catalog.complete(namespace, info) : info)
        .filter(query::matches)
        .toList();
  }

  static String requireNamespace(String namespace) {
    if (namespace.isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Namespace not set on request.")
          .asRuntimeException();
    }
    return namespace;
  }
}
