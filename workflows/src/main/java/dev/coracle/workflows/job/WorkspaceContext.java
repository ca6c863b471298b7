package dev.coracle.workflows.job;

/**
 * The bounded snapshot of a workspace that the refine and plan prompts include.
 *
 * @param workspace the resolved absolute directory
 * @param artifactId the stored full snapshot
 * @param text file tree, git status, README and the files most relevant to the request, cut to a
 *     size bound
 * @param truncated true when something was left out to stay within the bound
 */
public record WorkspaceContext(
    String workspace, String artifactId, String text, int files, boolean truncated) {}
