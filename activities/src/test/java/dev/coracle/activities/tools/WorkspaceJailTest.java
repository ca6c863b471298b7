package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceJailTest {

  @TempDir Path dir;

  Path workspace;
  Path outside;
  WorkspaceJail jail;

  @BeforeEach
  void setUp() throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("secret.txt"), "secret");
    jail = new WorkspaceJail(workspace);
  }

  @Test
  void climbing_out_with_dot_dot_is_refused() {
    assertRefused("../x", "outside the workspace");
    assertRefused("a/../../x", "outside the workspace");
    assertRefused("../ws-sibling/file", "outside the workspace");
  }

  @Test
  void absolute_paths_elsewhere_are_refused() {
    assertRefused("/etc/passwd", "outside the workspace");
    assertRefused(outside.resolve("secret.txt").toString(), "outside the workspace");
  }

  @Test
  void a_symlink_that_leads_out_is_refused_for_itself_and_below_it() throws IOException {
    Files.createSymbolicLink(workspace.resolve("escape"), outside);
    Files.createSymbolicLink(workspace.resolve("secret"), outside.resolve("secret.txt"));

    assertRefused("escape", "through a symbolic link");
    assertRefused("escape/secret.txt", "through a symbolic link");
    assertRefused("escape/new/file.txt", "through a symbolic link");
    assertRefused("secret", "through a symbolic link");
  }

  @Test
  void a_broken_symlink_is_refused_so_a_write_cannot_create_its_target() throws IOException {
    Files.createSymbolicLink(workspace.resolve("dangling"), outside.resolve("not-yet"));

    assertRefused("dangling", "through a symbolic link");
    assertThat(outside.resolve("not-yet")).doesNotExist();
  }

  @Test
  void nested_paths_that_do_not_exist_yet_resolve_inside() {
    assertThat(jail.resolve("a/b/c.txt")).isEqualTo(workspace.resolve("a/b/c.txt"));
    assertThat(jail.resolve("a/./b/../c.txt")).isEqualTo(workspace.resolve("a/c.txt"));
    assertThat(jail.resolve("")).isEqualTo(workspace);
    assertThat(jail.resolve(workspace.resolve("src/x").toString()))
        .isEqualTo(workspace.resolve("src/x"));
  }

  @Test
  void a_symlink_inside_the_workspace_is_followed_to_a_path_without_links() throws IOException {
    Files.createDirectories(workspace.resolve("real/dir"));
    Files.createSymbolicLink(workspace.resolve("alias"), workspace.resolve("real"));
    Files.createSymbolicLink(workspace.resolve("real/up"), Path.of(".."));

    assertThat(jail.resolve("alias/dir/file.txt"))
        .isEqualTo(workspace.resolve("real/dir/file.txt"));
    assertThat(jail.locate("alias/up/alias/dir").toString()).isEqualTo("real/dir");
  }

  @Test
  void a_chain_of_links_that_ends_outside_is_refused() throws IOException {
    Files.createSymbolicLink(workspace.resolve("one"), Path.of("two"));
    Files.createSymbolicLink(workspace.resolve("two"), Path.of("../outside"));

    assertRefused("one/secret.txt", "through a symbolic link");
  }

  @Test
  void a_link_loop_is_refused_with_a_clear_message() throws IOException {
    Files.createSymbolicLink(workspace.resolve("loop"), Path.of("loop"));

    assertRefused("loop/x", "more than 40 symbolic links");
  }

  @Test
  void a_workspace_given_through_a_symlink_accepts_its_own_absolute_paths() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("ws-link"), workspace);
    WorkspaceJail viaLink = new WorkspaceJail(link);

    assertThat(viaLink.resolve(link.resolve("src/Main.java").toString()))
        .isEqualTo(workspace.resolve("src/Main.java"));
  }

  private void assertRefused(String path, String why) {
    assertThatThrownBy(() -> jail.resolve(path))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining(why)
        .hasMessageContaining(path);
  }
}
