package dev.coracle.activities.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.workspace.WorkspaceNotAllowedException.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace rules on real directories and symlinks under a temporary "home". */
class WorkspacePolicyTest {

  @TempDir Path dir;

  Path home;
  Path coracleHome;
  Path fresh;
  Path project;
  WorkspacePolicy policy;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(dir.resolve("home/ada"));
    coracleHome = Files.createDirectories(home.resolve(".coracle"));
    fresh = Files.createDirectories(coracleHome.resolve("workspaces"));
    project = Files.createDirectories(home.resolve("projects/app"));
    policy = new WorkspacePolicy(List.of("~"), home, coracleHome, fresh);
  }

  @Test
  void a_directory_inside_the_root_is_allowed_as_its_real_path() throws IOException {
    Path link = Files.createSymbolicLink(home.resolve("app-link"), project);

    assertThat(policy.check(project.toString())).isEqualTo(project.toRealPath());
    assertThat(policy.check(home.resolve("projects").toString()))
        .isEqualTo(home.resolve("projects").toRealPath());
    assertThat(policy.check(link.toString())).isEqualTo(project.toRealPath());
    assertThat(policy.check(project + "/../app")).isEqualTo(project.toRealPath());
  }

  @Test
  void the_root_itself_is_refused() {
    assertRefused(home.toString(), Rule.A_ROOT);
    assertRefused(home + "/projects/..", Rule.A_ROOT);
  }

  @Test
  void places_outside_every_root_are_refused() {
    assertRefused("/", Rule.OUTSIDE_ROOTS);
    assertRefused("/etc", Rule.OUTSIDE_ROOTS);
    assertRefused(dir.toString(), Rule.OUTSIDE_ROOTS);
  }

  @Test
  void a_symlink_inside_the_root_that_leads_outside_is_refused_by_where_it_leads()
      throws IOException {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(project.resolve("escape"), outside);
    Path etc = Files.createSymbolicLink(home.resolve("etc-link"), Path.of("/etc"));

    WorkspaceNotAllowedException refused = assertRefused(link.toString(), Rule.OUTSIDE_ROOTS);
    assertThat(refused.getMessage()).contains(outside.toRealPath().toString());
    assertRefused(etc.toString(), Rule.OUTSIDE_ROOTS);
  }

  @Test
  void hidden_directories_below_the_root_and_everything_inside_them_are_refused()
      throws IOException {
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Path config = Files.createDirectories(home.resolve(".config/app"));
    Path dotGit = Files.createDirectories(project.resolve(".git"));
    Path linkToSsh = Files.createSymbolicLink(home.resolve("keys"), ssh);

    assertRefused(ssh.toString(), Rule.HIDDEN);
    assertRefused(config.toString(), Rule.HIDDEN);
    assertRefused(dotGit.toString(), Rule.HIDDEN);
    assertRefused(linkToSsh.toString(), Rule.HIDDEN);
  }

  @Test
  void coracle_home_and_what_it_holds_are_refused_but_fresh_workspaces_are_allowed()
      throws IOException {
    Path freshJob = Files.createDirectories(fresh.resolve("job-01"));
    Path visibleHome = Files.createDirectories(home.resolve("coracle-home"));
    Path inside = Files.createDirectories(visibleHome.resolve("logs"));
    Path holder = home.resolve("projects");
    WorkspacePolicy visible =
        new WorkspacePolicy(List.of("~"), home, visibleHome, visibleHome.resolve("workspaces"));
    Files.createDirectories(visibleHome.resolve("workspaces/job-02"));
    WorkspacePolicy holding =
        new WorkspacePolicy(List.of("~"), home, holder.resolve("state"), fresh);
    Files.createDirectories(holder.resolve("state"));

    assertThat(policy.check(freshJob.toString())).isEqualTo(freshJob.toRealPath());
    assertRefused(policy, coracleHome.toString(), Rule.CORACLE_HOME);
    assertRefused(policy, fresh.toString(), Rule.CORACLE_HOME);
    assertRefused(visible, visibleHome.toString(), Rule.CORACLE_HOME);
    assertRefused(visible, inside.toString(), Rule.CORACLE_HOME);
    assertThat(visible.check(visibleHome.resolve("workspaces/job-02").toString())).isNotNull();
    assertRefused(holding, holder.toString(), Rule.CORACLE_HOME);
  }

  @Test
  void a_fresh_workspaces_directory_configured_above_coracle_home_does_not_open_it()
      throws IOException {
    Path visibleHome = Files.createDirectories(home.resolve("projects/state"));
    WorkspacePolicy wide = new WorkspacePolicy(List.of("~"), home, visibleHome, home);

    assertRefused(wide, home.resolve("projects").toString(), Rule.CORACLE_HOME);
    assertRefused(wide, visibleHome.toString(), Rule.CORACLE_HOME);
    assertThat(wide.check(project.toString())).isEqualTo(project.toRealPath());
  }

  @Test
  void a_path_that_is_missing_relative_or_not_a_directory_is_refused() throws IOException {
    Path file = Files.writeString(project.resolve("notes.txt"), "a file");

    assertRefused(home.resolve("no-such-dir").toString(), Rule.MISSING);
    assertRefused("projects/app", Rule.NOT_ABSOLUTE);
    assertRefused(file.toString(), Rule.NOT_A_DIRECTORY);
    assertRefused("/tmp/a\u0000b", Rule.NOT_A_PATH);
  }

  @Test
  void several_roots_each_allow_their_inside_and_a_hidden_root_allows_below_it()
      throws IOException {
    Path work = Files.createDirectories(dir.resolve("work/site"));
    Path hiddenRoot = Files.createDirectories(home.resolve(".local/src"));
    Path tool = Files.createDirectories(hiddenRoot.resolve("tool"));
    WorkspacePolicy roots =
        new WorkspacePolicy(
            List.of("~", dir.resolve("work").toString(), "~/.local/src"), home, coracleHome, fresh);

    assertThat(roots.check(work.toString())).isEqualTo(work.toRealPath());
    assertThat(roots.check(tool.toString())).isEqualTo(tool.toRealPath());
    assertRefused(roots, hiddenRoot.toString(), Rule.A_ROOT);
    assertRefused(roots, home.resolve(".local").toString(), Rule.HIDDEN);
  }

  @Test
  void a_root_that_does_not_exist_allows_nothing_and_no_roots_allow_only_fresh_workspaces()
      throws IOException {
    WorkspacePolicy missingRoot =
        new WorkspacePolicy(List.of(dir.resolve("gone").toString()), home, coracleHome, fresh);
    WorkspacePolicy none = new WorkspacePolicy(List.of(), home, coracleHome, fresh);
    Path freshJob = Files.createDirectories(fresh.resolve("job-03"));

    assertRefused(missingRoot, project.toString(), Rule.OUTSIDE_ROOTS);
    assertRefused(none, project.toString(), Rule.OUTSIDE_ROOTS);
    assertThat(none.check(freshJob.toString())).isEqualTo(freshJob.toRealPath());
  }

  @Test
  void the_refusal_names_the_rule_the_roots_and_the_key_to_add_one() {
    WorkspaceNotAllowedException refused = assertRefused("/etc", Rule.OUTSIDE_ROOTS);

    assertThat(refused.getMessage())
        .contains(
            "'/etc'",
            "is not inside a workspace root",
            "jobs.workspace-roots",
            "~ = " + home,
            "coracle.yml");
  }

  private WorkspaceNotAllowedException assertRefused(String workspace, Rule rule) {
    return assertRefused(policy, workspace, rule);
  }

  private static WorkspaceNotAllowedException assertRefused(
      WorkspacePolicy policy, String workspace, Rule rule) {
    try {
      policy.check(workspace);
    } catch (WorkspaceNotAllowedException refused) {
      assertThat(refused.rule()).as(workspace).isEqualTo(rule);
      return refused;
    }
    throw new AssertionError(workspace + " was allowed; expected a refusal for " + rule);
  }
}
