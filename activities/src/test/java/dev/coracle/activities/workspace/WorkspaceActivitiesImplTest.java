package dev.coracle.activities.workspace;

import static dev.coracle.activities.workspace.TestWorkspaces.git;
import static dev.coracle.activities.workspace.TestWorkspaces.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.workflows.job.WorkspaceContext;
import io.micronaut.context.ApplicationContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceActivitiesImplTest {

  static final int CONTEXT_LIMIT = 6000;

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));

  Path repo;
  Path workspaces;
  LoadedConfig loaded;

  @BeforeEach
  void setUp() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    workspaces = dir.resolve("job-workspaces");
    loaded =
        TestWorkspaces.config(
            dir.resolve("home"),
            """
            jobs:
              workspaces: "%s"
              workspace-roots: ["%s"]
            tools:
              context-limit-bytes: %d
            """
                .formatted(workspaces, dir, CONTEXT_LIMIT));
  }

  @Test
  void consolidate_shows_git_status_readme_and_the_file_the_request_names() throws IOException {
    write(repo, "README.md", "# Calculator\nAdds numbers for people in a hurry.\n");
    write(repo, "src/main/Parser.java", "class Parser { int parseNumber() { return 42; } }\n");
    write(repo, "src/main/Printer.java", "class Printer {}\n");
    write(repo, "node_modules/left-pad/index.js", "module.exports = 1;\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "README.md", "src");
    git(repo, "commit", "-q", "-m", "First calculator");
    write(repo, "NOTES.txt", "untracked notes\n");

    try (ApplicationContext context = start()) {
      WorkspaceContext result =
          activities(context)
              .consolidate("job-1", repo.toString(), "Make the parser accept negative numbers");

      assertThat(result.workspace()).isEqualTo(repo.toRealPath().toString());
      assertThat(result.text())
          .contains("## Git", "## main", "?? NOTES.txt", "First calculator")
          .contains("## README.md", "Adds numbers for people in a hurry.")
          .contains("## src/main/Parser.java", "int parseNumber()")
          .contains("src/main/Printer.java")
          .doesNotContain("left-pad", "class Printer {}");
      assertThat(result.files()).isEqualTo(4);
      assertThat(result.truncated()).isFalse();
      Artifact stored = context.getBean(ArtifactStore.class).get(result.artifactId()).orElseThrow();
      assertThat(stored.kind()).isEqualTo("workspace-snapshot");
      assertThat(stored.jobId()).isEqualTo("job-1");
      assertThat(stored.text()).contains("int parseNumber()", "First calculator");
    }
  }

  @Test
  void a_big_workspace_is_cut_to_the_context_limit_and_stored_in_full() throws IOException {
    write(repo, "README.md", "# Big\n" + "A line of the readme.\n".repeat(2000));
    for (int i = 0; i < 300; i++) {
      write(repo, "src/module" + i + "/Widget" + i + ".java", "class Widget" + i + " {}\n");
    }
    write(repo, "src/Engine.java", "// The engine.\n" + "int speed = 1;\n".repeat(3000));

    try (ApplicationContext context = start()) {
      WorkspaceContext result =
          activities(context).consolidate("job-2", repo.toString(), "speed up the Engine");

      assertThat(Utf8Text.bytes(result.text())).isLessThanOrEqualTo(CONTEXT_LIMIT);
      assertThat(result.truncated()).isTrue();
      assertThat(result.text())
          .contains("## README.md", "## src/Engine.java", "// The engine.", "cut to fit")
          .contains("artifact " + result.artifactId());
      assertThat(result.files()).isEqualTo(302);
      String stored =
          context.getBean(ArtifactStore.class).get(result.artifactId()).orElseThrow().text();
      assertThat(Utf8Text.bytes(stored)).isGreaterThan(10 * CONTEXT_LIMIT);
      assertThat(stored).contains("src/module299/Widget299.java");
    }
  }

  @Test
  void no_workspace_creates_a_fresh_directory_for_the_job() throws IOException {
    try (ApplicationContext context = start()) {
      WorkspaceContext result = activities(context).consolidate("job-3", null, "write a game");

      Path created = workspaces.resolve("job-3");
      assertThat(created).isEmptyDirectory();
      assertThat(result.workspace()).isEqualTo(created.toRealPath().toString());
      assertThat(result.files()).isZero();
      assertThat(result.text()).contains("## Files (0 files)").doesNotContain("## Git");
    }
  }

  @Test
  void a_relative_workspace_is_refused_for_good() {
    try (ApplicationContext context = start()) {
      assertThatThrownBy(() -> activities(context).consolidate("job-4", "projects/app", "x"))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("BAD_WORKSPACE");
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getOriginalMessage())
                    .contains("must be an absolute path", "projects/app");
              });
    }
  }

  @Test
  void a_missing_workspace_or_a_file_is_refused_for_good() throws IOException {
    Path file = write(repo, "file.txt", "not a directory");
    try (ApplicationContext context = start()) {
      WorkspaceActivitiesImpl activities = activities(context);

      assertThatThrownBy(() -> activities.consolidate("job-5", dir.resolve("nope").toString(), "x"))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("BAD_WORKSPACE");
                assertThat(failure.getOriginalMessage()).contains("does not exist");
              });
      assertThatThrownBy(() -> activities.consolidate("job-5", file.toString(), "x"))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> assertThat(failure.getOriginalMessage()).contains("is not a directory"));
    }
  }

  @Test
  void a_workspace_outside_the_roots_is_refused_for_good_by_the_policy() throws IOException {
    Path outside = Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-out"));
    try (ApplicationContext context = start()) {
      WorkspaceActivitiesImpl activities = activities(context);

      assertThatThrownBy(() -> activities.consolidate("job-6", outside.toString(), "x"))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("BAD_WORKSPACE");
                assertThat(failure.isNonRetryable()).isTrue();
                assertThat(failure.getOriginalMessage())
                    .contains("not inside a workspace root", "jobs.workspace-roots");
              });
      assertThatThrownBy(() -> activities.consolidate("job-6", dir.toString(), "x"))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure ->
                  assertThat(failure.getOriginalMessage()).contains("workspace root itself"));
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  private ApplicationContext start() {
    return TestWorkspaces.start(dir.resolve("coracle.db"), clock, loaded);
  }

  private static WorkspaceActivitiesImpl activities(ApplicationContext context) {
    return context.getBean(WorkspaceActivitiesImpl.class);
  }
}
