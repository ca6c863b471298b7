package dev.coracle.activities.tools.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHardeningTest {

  @Test
  void the_environment_is_built_from_nothing_with_home_outside_the_workspace() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("core.fsmonitor", "false");
    config.put("filter.a=b.clean", "");

    Map<String, String> env =
        GitHardening.environment(
            Path.of("/home/ada/project"), Path.of("/tmp/empty-home"), Path.of("/usr/bin"), config);

    assertThat(env)
        .containsEntry("HOME", "/tmp/empty-home")
        .containsEntry("GIT_CONFIG_NOSYSTEM", "1")
        .containsEntry("GIT_CONFIG_GLOBAL", "/dev/null")
        .containsEntry("GIT_TERMINAL_PROMPT", "0")
        .containsEntry("GIT_CEILING_DIRECTORIES", "/home/ada")
        .containsEntry("GIT_WORK_TREE", "/home/ada/project")
        .containsEntry("PATH", "/usr/bin:" + GitHardening.SYSTEM_PATH)
        .containsEntry("GIT_CONFIG_COUNT", "2")
        .containsEntry("GIT_CONFIG_KEY_1", "filter.a=b.clean")
        .containsEntry("GIT_CONFIG_VALUE_1", "");
    // Nothing of coracle's own environment, whatever it holds, is passed on.
    assertThat(env.keySet())
        .allMatch(
            key ->
                key.startsWith("GIT_")
                    || java.util.Set.of("PATH", "HOME", "LANG", "LC_ALL", "TERM", "PAGER")
                        .contains(key),
            "a git or locale variable");
  }
}
