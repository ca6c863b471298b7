package dev.coracle.activities.temporal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A workflow run of an embedded Temporal server coracle has closed, a row of the {@code
 * workflow_index} table.
 *
 * @param status Temporal's {@code WorkflowExecutionStatus} number
 * @param startTime epoch milliseconds
 * @param closeTime epoch milliseconds, 0 when the run was still open as its server closed
 * @param generation the server it ran on: 1 for the first, one more for each recycle
 */
@MappedEntity("workflow_index")
public record IndexedWorkflow(
    @Id @GeneratedValue @Nullable Long id,
    String workflowId,
    String runId,
    String workflowType,
    String taskQueue,
    int status,
    long startTime,
    long closeTime,
    long historyLength,
    int generation) {}
