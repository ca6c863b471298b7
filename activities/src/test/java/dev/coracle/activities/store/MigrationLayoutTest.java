package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations of both backends: SQLite's released files are byte for byte what users' databases
 * ran, and PostgreSQL's build the same tables with the same columns at the same versions.
 */
class MigrationLayoutTest {

  /** SHA-256 of each SQLite migration as released (then under db/migration). */
  private static final Map<String, String> RELEASED =
      Map.ofEntries(
          Map.entry(
              "V1__audit.sql", "d4b313ff8967a09c908ea06abb11ea291933c39d2aa35c4bbbdba496a284bc93"),
          Map.entry(
              "V2__semantic_cache.sql",
              "8360a20d4f510d0d1796ee3660b7eba2275a0863b1fa55bf0c95d62daa1290fc"),
          Map.entry(
              "V3__quota.sql", "c2c82625fc4284e23b7ded8848b811160a8bdbf2faebfd885fdbe781ab48cc2c"),
          Map.entry(
              "V4__jobs.sql", "f2376ac9def1f4956e268fa377cdb397c5449cb5d71e1ba6974b2838ee861636"),
          Map.entry(
              "V5__one_unfinished_job_per_workspace.sql",
              "ae6af4f6bcc007532226dacd3ac4bb46039a76839bbafea58ff7578ce903b0c6"),
          Map.entry(
              "V6__learned_limits.sql",
              "822a7e061e4bde288ca6f0e2be07e029a84a519bbbaae39d90ed3d612d6822ee"),
          Map.entry(
              "V7__stored_responses.sql",
              "bea368da9b8ec374d7aa2d44001004114ad228d223ee95f36957fc9f2104e492"),
          Map.entry(
              "V8__quantized_embeddings.sql",
              "49736431d557acd8c8a6a0089d0222bed179c9ec5bf3e2cbe9b162df5c3b3f19"),
          Map.entry(
              "V9__workflow_index.sql",
              "5188bda7458610d5cd4feeba8c7974f2f984d051936b1ae3859d577b6ed63fe6"),
          Map.entry(
              "V10__waiting_approval_holds_the_workspace.sql",
              "d82488b98bc635e1c0d25c88bd11d6621b64936e1cfefd0a8c1d3f9fe12619be"),
          Map.entry(
              "V12__job_transcripts.sql",
              "9c36a67fe32fca22ab351c4825d3e0272c169848c1ce40a99c0e9d55cc294f8e"),
          Map.entry(
              "V13__cache_guard.sql",
              "f00b9049466c716257aa254b5e434e66da25ef920c24177b0c8e0dbbc66509bd"),
          Map.entry(
              "V14__audit_totals_per_minute.sql",
              "fa987809d55c82354fb289f9469f41cd8354754f496c67911d8d7c7053f7574f"));

  @TempDir Path dir;

  @Test
  void released_sqlite_migrations_are_unchanged_so_existing_databases_validate() throws Exception {
    for (Map.Entry<String, String> released : RELEASED.entrySet()) {
      assertThat(sha256("db/sqlite/" + released.getKey()))
          .as(released.getKey())
          .isEqualTo(released.getValue());
    }
  }

  @Test
  void both_backends_migrate_to_the_same_versions_tables_and_columns() throws Exception {
    String sqliteUrl = "jdbc:sqlite:" + dir.resolve("coracle.db");
    List<String> sqliteVersions = migrate(StoreBackend.SQLITE, sqliteUrl, null, null);
    TestPostgres postgres = TestPostgres.server();
    String postgresUrl = postgres.url(postgres.emptyDatabase("coracle_layout"));
    List<String> postgresVersions =
        migrate(StoreBackend.POSTGRESQL, postgresUrl, TestPostgres.USERNAME, TestPostgres.PASSWORD);

    assertThat(postgresVersions).isEqualTo(sqliteVersions).contains("14");
    Map<String, Set<String>> sqliteTables = columns(sqliteUrl, null, null);
    Map<String, Set<String>> postgresTables =
        columns(postgresUrl, TestPostgres.USERNAME, TestPostgres.PASSWORD);
    // PostgreSQL has no implicit rowid; its artifacts table keeps insertion order in seq.
    postgresTables.get("artifacts").remove("seq");
    assertThat(postgresTables).isEqualTo(sqliteTables).containsKeys("audit_minute", "jobs");
  }

  private static List<String> migrate(
      StoreBackend backend, String url, String user, String password) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(url, user, password)
            .locations(backend.migrationLocations().toArray(String[]::new))
            .load();
    flyway.migrate();
    return java.util.Arrays.stream(flyway.info().applied())
        .map(MigrationInfo::getVersion)
        .map(Object::toString)
        .toList();
  }

  /** Table name to column names, for the store's tables (not Flyway's own). */
  private static Map<String, Set<String>> columns(String url, String user, String password)
      throws SQLException {
    Map<String, Set<String>> tables = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      DatabaseMetaData metadata = connection.getMetaData();
      try (ResultSet rows = metadata.getColumns(null, null, "%", "%")) {
        while (rows.next()) {
          String schema = rows.getString("TABLE_SCHEM");
          String table = rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
          if ((schema == null || schema.equals("public"))
              && !table.equals("flyway_schema_history")
              && !table.startsWith("sqlite_")) {
            tables
                .computeIfAbsent(table, t -> new TreeSet<>())
                .add(rows.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    }
    return tables;
  }

  private static String sha256(String resource) throws IOException, Exception {
    try (InputStream in =
        MigrationLayoutTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    }
  }
}
