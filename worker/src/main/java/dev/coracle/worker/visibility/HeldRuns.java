package dev.coracle.worker.visibility;

import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.util.List;

/** Every run one test server holds, complete with close time and task queue, read in one pass. */
interface HeldRuns {

  /** The runs of {@code namespace}, in no particular order. */
  List<HeldRun> runs(String namespace);

  /**
   * Reads the server's history store directly where this test server has the one it knows ({@link
   * HistoryScan}), and through its list and describe calls otherwise ({@link DescribedRuns}).
   */
  static HeldRuns of(WorkflowServiceImplBase testService) {
    return HistoryScan.of(testService)
        .map(HeldRuns.class::cast)
        .orElseGet(() -> new DescribedRuns(new ExecutionCatalog(testService)));
  }
}
