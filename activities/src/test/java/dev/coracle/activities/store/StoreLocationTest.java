package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which store a configuration names, and how its password is kept out of files and logs. */
class StoreLocationTest {

  private static final String URL = "jdbc:postgresql://db.lan:5432/coracle";

  @TempDir Path home;

  @Test
  void no_url_is_the_sqlite_file_in_the_home() {
    StoreLocation location = StoreLocation.of(ConfigLoader.load(home, Map.of()));

    assertThat(location.backend()).isEqualTo(StoreBackend.SQLITE);
    assertThat(location.describe()).isEqualTo(home.resolve("coracle.db").toString());
    assertThat(location.properties())
        .containsEntry("datasources.default.dialect", "ANSI")
        .containsEntry(
            "flyway.datasources.default.locations",
            List.of("classpath:db/sqlite", "classpath:db/migration"));
  }

  @Test
  void a_sqlite_url_names_its_file() {
    Path file = home.resolve("elsewhere.db");
    LoadedConfig loaded =
        ConfigLoader.load(home, Map.of("CORACLE_STORE_URL", "jdbc:sqlite:" + file));

    assertThat(StoreLocation.of(loaded).file()).isEqualTo(file);
  }

  @Test
  void a_postgresql_url_with_credentials_from_the_environment_selects_postgresql() {
    LoadedConfig loaded =
        ConfigLoader.load(
            home,
            Map.of(
                "CORACLE_STORE_URL", URL,
                "CORACLE_STORE_USERNAME", "coracle",
                "CORACLE_STORE_PASSWORD", "s3cret"));

    StoreLocation location = StoreLocation.of(loaded);

    assertThat(location.backend()).isEqualTo(StoreBackend.POSTGRESQL);
    assertThat(location.properties())
        .containsEntry("datasources.default.url", URL)
        .containsEntry("datasources.default.driver-class-name", "org.postgresql.Driver")
        .containsEntry("datasources.default.username", "coracle")
        .containsEntry("datasources.default.password", "s3cret")
        .containsEntry("datasources.default.dialect", "POSTGRES")
        .containsEntry(
            "flyway.datasources.default.locations",
            List.of("classpath:db/postgresql", "classpath:db/migration"));
    assertThat(location.toString()).doesNotContain("s3cret");
  }

  @Test
  void the_description_drops_user_information_and_query() {
    LoadedConfig loaded =
        ConfigLoader.load(
            home,
            Map.of(
                "CORACLE_STORE_URL",
                "jdbc:postgresql://coracle:s3cret@db.lan/coracle?password=s3cret&ssl=true"));

    assertThat(StoreLocation.of(loaded).describe()).isEqualTo("jdbc:postgresql://db.lan/coracle");
  }

  @Test
  void a_literal_password_in_the_file_is_refused() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"), "store:\n  url: " + URL + "\n  password: hunter2\n");

    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store holds a literal password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void a_literal_password_in_the_file_url_is_refused() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"), "store:\n  url: \"" + URL + "?password=hunter2\"\n");

    assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("literal password");
  }

  @Test
  void a_password_reference_in_the_file_is_resolved_from_the_environment() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"),
        "store:\n  url: " + URL + "\n  username: coracle\n  password: \"${PG_PASSWORD}\"\n");

    LoadedConfig loaded = ConfigLoader.load(home, Map.of("PG_PASSWORD", "from-env"));

    assertThat(StoreLocation.of(loaded).password()).isEqualTo("from-env");
  }

  @Test
  void another_database_url_is_refused_at_load() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(home, Map.of("CORACLE_STORE_URL", "jdbc:mysql://db.lan/coracle")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.url must be empty, jdbc:sqlite:<file> or jdbc:postgresql://");
  }
}
