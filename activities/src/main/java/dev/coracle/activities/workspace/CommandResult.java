package dev.coracle.activities.workspace;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode the process's exit status; after a kill, what the system reported for it
 * @param timedOut true when the command ran out of time and was killed with everything it started
 * @param output stdout and stderr as they interleaved, cut in the middle past the capture bound
 * @param outputBytes every byte the command wrote, including those cut
 */
public record CommandResult(
    int exitCode, boolean timedOut, String output, long outputBytes, Duration elapsed) {}
