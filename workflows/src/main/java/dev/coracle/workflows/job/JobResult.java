package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * The durable outcome of a job.
 *
 * @param status {@code done}, {@code failed} or {@code cancelled}
 * @param summary what was done, step by step, and the changed files
 */
public record JobResult(
    String jobId,
    String status,
    String summary,
    List<String> changedFiles,
    List<JobStep> steps,
    Usage usage) {}
