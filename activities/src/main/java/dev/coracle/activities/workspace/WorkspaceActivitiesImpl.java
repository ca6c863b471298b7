package dev.coracle.activities.workspace;

import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.tools.git.HardenedGit;
import dev.coracle.workflows.job.WorkspaceActivities;
import dev.coracle.workflows.job.WorkspaceContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a job's workspace and snapshots it twice: a fuller one stored as an artifact, and one
 * cut to the prompt bound that the refine and plan prompts include.
 */
@Singleton
public class WorkspaceActivitiesImpl implements WorkspaceActivities {

  /** The bound of the stored snapshot; it is read by people and tools, not put in prompts. */
  static final int STORED_SNAPSHOT_BYTES = 1024 * 1024;

  /** How many relevant files' contents go into the prompt; the stored snapshot has more. */
  static final int PROMPT_FILES = 4;

  private final WorkspaceLocator locator;
  private final ArtifactStore artifacts;
  private final HardenedGit git;
  private final int contextLimitBytes;

  public WorkspaceActivitiesImpl(
      LoadedConfig loaded, WorkspacePolicy policy, ArtifactStore artifacts, HardenedGit git) {
    this.locator = new WorkspaceLocator(loaded, policy);
    this.artifacts = artifacts;
    this.git = git;
    ToolsConfig tools = loaded.config().tools();
    this.contextLimitBytes = tools == null ? 24 * 1024 : tools.contextLimitBytes();
  }

  @Override
  public WorkspaceContext consolidate(String jobId, String workspace, String request) {
    Path root = locator.locate(jobId, workspace);
    WorkspaceSnapshot snapshot;
    try {
      snapshot = WorkspaceSnapshotter.take(git, root, request);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the workspace " + root, e);
    }
    String stored =
        SectionPacker.pack(all(snapshot.sections(), snapshot.fileSections()), STORED_SNAPSHOT_BYTES)
            .text();
    String artifactId =
        artifacts.put(
            jobId,
            Artifact.WORKSPACE_SNAPSHOT,
            root.toString(),
            Artifact.TEXT,
            Utf8Text.encode(stored));
    int promptFiles = Math.min(PROMPT_FILES, snapshot.fileSections().size());
    String note = "(Parts were cut to fit; the fuller snapshot is artifact " + artifactId + ".)\n";
    SectionPacker.Packed prompt =
        SectionPacker.pack(
            all(snapshot.sections(), snapshot.fileSections().subList(0, promptFiles)),
            Math.max(0, contextLimitBytes - Utf8Text.bytes(note)));
    boolean truncated = prompt.truncated() || snapshot.fileSections().size() > promptFiles;
    String text = truncated ? prompt.text() + note : prompt.text();
    return new WorkspaceContext(root.toString(), artifactId, text, snapshot.files(), truncated);
  }

  private static List<Section> all(List<Section> first, List<Section> then) {
    List<Section> all = new ArrayList<>(first);
    all.addAll(then);
    return all;
  }
}
