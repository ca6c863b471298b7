package dev.coracle.activities.tools;

import dev.coracle.activities.workspace.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Finds the files a command changed by comparing the size and modification time of files before and
 * after it. The scan is bounded so a huge workspace does not make every command slow; changes past
 * the bound, and in skipped directories such as build output, go unreported.
 */
public final class WorkspaceChanges {

  static final int SCAN_LIMIT = 5000;

  private record Stamp(long size, FileTime modified) {}

  private final Map<String, Stamp> stamps;

  private WorkspaceChanges(Map<String, Stamp> stamps) {
    this.stamps = stamps;
  }

  public static WorkspaceChanges scan(Path root) throws IOException {
    Map<String, Stamp> stamps = new HashMap<>();
    for (WorkspaceFiles.Entry entry : WorkspaceFiles.walk(root, root, true, SCAN_LIMIT).entries()) {
      if (!entry.directory()) {
        stamps.put(entry.path(), new Stamp(entry.size(), entry.modified()));
      }
    }
    return new WorkspaceChanges(stamps);
  }

  /** Paths created, changed or deleted since {@code before}, sorted. */
  public List<String> since(WorkspaceChanges before) {
    TreeSet<String> changed = new TreeSet<>();
    for (String path : stamps.keySet()) {
      if (!Objects.equals(stamps.get(path), before.stamps.get(path))) {
        changed.add(path);
      }
    }
    for (String path : before.stamps.keySet()) {
      if (!stamps.containsKey(path)) {
        changed.add(path);
      }
    }
    return List.copyOf(changed);
  }
}
