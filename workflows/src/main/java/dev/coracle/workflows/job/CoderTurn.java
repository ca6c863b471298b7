package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.SamplingParams;

/**
 * One coder turn by reference: the activity reads the step's conversation and tools from the store
 * instead of receiving them, so a turn costs the history a few hundred bytes however long the
 * conversation is.
 *
 * @param transcriptSize how many of the step's stored messages the model sees (those numbered below
 *     it)
 */
public record CoderTurn(String jobId, int step, int transcriptSize, SamplingParams params) {}
