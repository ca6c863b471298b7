package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.AgentTools;
import java.util.List;

/**
 * What one store write adds to a running step's coder conversation. The conversation lives in the
 * store, so each write carries only the messages since the last one and the history grows with the
 * turns, not with their square.
 *
 * @param step the step the conversation belongs to
 * @param entries the new messages, numbered on from the ones already stored
 * @param tools the coder's tools, set on the run's first write for the step, else null
 */
public record TranscriptAppend(int step, List<TranscriptEntry> entries, AgentTools tools) {}
