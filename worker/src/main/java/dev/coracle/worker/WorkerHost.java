package dev.coracle.worker;

import dev.coracle.workflows.job.HostActivities;

/**
 * The machine this worker runs on: its {@code worker.host-id}, which names its queues, and, when
 * other processes may poll the same host's queues, the lease that keeps its LLM slot single. It
 * answers a job's question whether the host is there.
 *
 * @param lease null when this process is the host's only worker (the embedded server: nobody else
 *     can reach it), so the slot needs no lock
 */
public record WorkerHost(String hostId, SlotLease lease) implements HostActivities {

  @Override
  public String present() {
    return hostId;
  }
}
