package dev.coracle.activities.workspace;

import java.util.List;

/**
 * What a workspace looks like for a request, before any cut to a prompt's size.
 *
 * @param sections the file tree, git, the README and the list of relevant files, in that order
 * @param fileSections the contents of the relevant files, best first
 * @param files how many files the workspace has (without skipped directories)
 */
record WorkspaceSnapshot(List<Section> sections, List<Section> fileSections, int files) {}
