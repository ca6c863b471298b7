package dev.coracle.activities.tools.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositoryDriversTest {

  @Test
  void every_driver_command_a_listing_sets_is_neutralised_whatever_its_name() {
    String listing =
        entry("core.bare", "false")
            + entry("filter.a=b.clean", "evil")
            + entry("filter.X.y.process", "evil")
            + entry("filter.X.y.required", "true")
            + entry("diff.t.textconv", "evil")
            + entry("diff.t.command", "evil")
            + entry("merge.m.driver", "evil %O %A %B")
            + entry("protocol.ext.allow", "always")
            + entry("difftool.d.cmd", "evil");

    assertThat(RepositoryDrivers.stillNeeded(listing))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "filter.a=b.clean", "",
                "filter.X.y.process", "",
                "filter.X.y.required", "false",
                "diff.t.textconv", "",
                "diff.t.command", "",
                "merge.m.driver", "",
                "protocol.ext.allow", "never",
                "difftool.d.cmd", ""));
  }

  @Test
  void the_last_value_counts_so_an_override_after_the_repository_settles_it() {
    String listing =
        entry("filter.evil.clean", "evil")
            + entry("filter.evil.clean", "")
            + entry("diff.evil.textconv", "")
            + entry("diff.evil.textconv", "evil again");

    assertThat(RepositoryDrivers.stillNeeded(listing))
        .containsExactlyEntriesOf(Map.of("diff.evil.textconv", ""));
  }

  @Test
  void a_key_without_a_value_counts_as_set() {
    assertThat(RepositoryDrivers.stillNeeded("filter.bare.smudge\0"))
        .containsExactlyEntriesOf(Map.of("filter.bare.smudge", ""));
  }

  @Test
  void settings_that_name_no_program_are_left_alone() {
    String listing =
        entry("filter.lfs.required", "false")
            + entry("diff.java.xfuncname", "^class")
            + entry("diff.external", "handled by the fixed overrides")
            + entry("user.name", "Ada");

    assertThat(RepositoryDrivers.stillNeeded(listing)).isEmpty();
  }

  @Test
  void a_configuration_that_is_not_utf8_is_refused_since_its_names_cannot_be_matched() {
    assertThatThrownBy(() -> RepositoryDrivers.stillNeeded(entry("filter.\uFFFD.clean", "evil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the configuration is not valid UTF-8");
  }

  private static String entry(String key, String value) {
    return key + "\n" + value + "\0";
  }
}
