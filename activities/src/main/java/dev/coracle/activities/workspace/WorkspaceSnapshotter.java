package dev.coracle.activities.workspace;

import dev.coracle.activities.tools.git.HardenedGit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a workspace into the sections of a {@link WorkspaceSnapshot}. */
final class WorkspaceSnapshotter {

  /** Entries of the file tree kept in the stored snapshot. */
  static final int TREE_ENTRIES = 2000;

  /** Relevant files whose contents are read, and those named in the list of matches. */
  static final int FILES_READ = 8;

  static final int FILES_NAMED = 20;

  /** The most read from one file (or the README): enough for a head that says what it is. */
  static final int FILE_HEAD_BYTES = 64 * 1024;

  /** Files bigger than this are generated or data, not code worth putting in a prompt. */
  static final long MAX_RELEVANT_FILE_BYTES = 1024 * 1024;

  private WorkspaceSnapshotter() {}

  static WorkspaceSnapshot take(HardenedGit git, Path workspace, String request)
      throws IOException {
    WorkspaceFiles.Listing listing = WorkspaceFiles.walk(workspace, workspace, true, TREE_ENTRIES);
    List<Section> sections = new ArrayList<>();
    sections.add(tree(listing));
    GitSummary.of(git, workspace)
        .ifPresent(summary -> sections.add(new Section("Git", summary, true)));
    Optional<WorkspaceFiles.Entry> readme = readme(listing);
    if (readme.isPresent()) {
      sections.add(fileSection(workspace, readme.get()));
    }
    List<WorkspaceFiles.Entry> ranked = relevant(workspace, listing, request, readme);
    List<Section> fileSections = new ArrayList<>();
    if (!ranked.isEmpty()) {
      List<String> named =
          ranked.stream().limit(FILES_NAMED).map(WorkspaceFiles.Entry::path).toList();
      sections.add(
          new Section(
              "Files that match the request",
              String.join("\n", named),
              ranked.size() <= FILES_NAMED));
      for (WorkspaceFiles.Entry entry : ranked.subList(0, Math.min(FILES_READ, ranked.size()))) {
        fileSections.add(fileSection(workspace, entry));
      }
    }
    return new WorkspaceSnapshot(sections, fileSections, listing.files());
  }

  private static Section tree(WorkspaceFiles.Listing listing) {
    StringBuilder body = new StringBuilder();
    for (WorkspaceFiles.Entry entry : listing.entries()) {
      body.append(entry.path()).append(entry.directory() ? "/" : "").append('\n');
    }
    if (listing.more() > 0) {
      body.append("… and ")
          .append(listing.more())
          .append(listing.complete() ? "" : "+")
          .append(" more\n");
    }
    String title = "Files (" + listing.files() + (listing.complete() ? "" : "+") + " files)";
    return new Section(title, body.toString(), listing.more() == 0);
  }

  /** The README at the top level, if any: README.md, README, readme.rst and the like. */
  private static Optional<WorkspaceFiles.Entry> readme(WorkspaceFiles.Listing listing) {
    return listing.entries().stream()
        .filter(entry -> entry.regularFile() && !entry.path().contains("/"))
        .filter(entry -> entry.path().toLowerCase(Locale.ROOT).startsWith("readme"))
        .findFirst();
  }

  /**
   * The text files the request seems to be about, best first. Only regular files count: a symbolic
   * link may point outside the workspace, and its target must not end up in a prompt.
   */
  private static List<WorkspaceFiles.Entry> relevant(
      Path workspace,
      WorkspaceFiles.Listing listing,
      String request,
      Optional<WorkspaceFiles.Entry> readme)
      throws IOException {
    Map<String, WorkspaceFiles.Entry> candidates = new LinkedHashMap<>();
    for (WorkspaceFiles.Entry entry : listing.entries()) {
      if (entry.regularFile()
          && entry.size() <= MAX_RELEVANT_FILE_BYTES
          && !readme.equals(Optional.of(entry))) {
        candidates.put(entry.path(), entry);
      }
    }
    List<WorkspaceFiles.Entry> ranked = new ArrayList<>();
    for (String path : RelevantFiles.rank(request, List.copyOf(candidates.keySet()))) {
      if (ranked.size() > FILES_NAMED) {
        break;
      }
      if (!TextFiles.isBinary(workspace.resolve(path))) {
        ranked.add(candidates.get(path));
      }
    }
    return ranked;
  }

  private static Section fileSection(Path workspace, WorkspaceFiles.Entry entry)
      throws IOException {
    String head = TextFiles.head(workspace.resolve(entry.path()), FILE_HEAD_BYTES);
    return new Section(entry.path(), head, entry.size() <= FILE_HEAD_BYTES);
  }
}
