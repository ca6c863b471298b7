package dev.coracle.api;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.TestPostgres;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coracle serve} as a child process on a real PostgreSQL server, chosen by nothing but
 * {@code store.url} and its credentials (here from the environment, as a user would keep the
 * password): it migrates an empty database, answers a chat and a status question, runs a job, and
 * every row lands in PostgreSQL, none in a SQLite file.
 */
class PostgresqlStoreIT {
  @TempDir Path home;
  @TempDir Path logs;
  @TempDir Path workspace;

  @Test
  void serve_on_postgresql_answers_chats_runs_a_job_and_keeps_its_rows_there() {
    TestPostgres postgres = TestPostgres.server();
    String database = postgres.emptyDatabase("coracle_serve");
    try (FakeOllamaServer ollama = new FakeOllamaServer().start();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      writeConfig(JobFixtures.config(ollama, cloud));
      Map<String, String> env =
          Map.of(
              "CORACLE_STORE_URL", postgres.url(database),
              "CORACLE_STORE_USERNAME", TestPostgres.USERNAME,
              "CORACLE_STORE_PASSWORD", TestPostgres.PASSWORD);
      try (CoracleProcess coracle = CoracleProcess.launch(home, logs, env)) {
        coracle.awaitReady(Duration.ofSeconds(90));
        assertThat(coracle.stdoutText())
            .contains(postgres.url(database))
            .doesNotContain(TestPostgres.PASSWORD);

        HttpResponse<String> answer =
            post(
                coracle.baseUrl() + "/v1/chat/completions",
                HttpCalls.chat("cloud/job", "hello there", ""));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        HttpResponse<String> created =
            post(
                coracle.baseUrl() + "/api/jobs",
                JobFixtures.jobBody("Create notes/a.txt and b.txt", workspace.toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = json(created).path("id").asText();
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(120), JobFixtures.status("done"));
        assertThat(workspace.resolve("notes/a.txt")).exists();

        HttpResponse<String> status =
            post(
                coracle.baseUrl() + "/v1/chat/completions",
                HttpCalls.chat("coracle-status", "status?", ""));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(json(status).at("/choices/0/message/content").asText()).contains(id);

        assertThat(
                postgres.queryForText(database, "SELECT status FROM jobs WHERE id = '" + id + "'"))
            .isEqualTo("done");
        assertThat(count(postgres, database, "job_events WHERE job_id = '" + id + "'"))
            .isGreaterThan(3);
        assertThat(count(postgres, database, "job_steps WHERE job_id = '" + id + "'")).isEqualTo(2);
        assertThat(count(postgres, database, "audit WHERE outcome = 'ok'")).isGreaterThan(1);
        assertThat(count(postgres, database, "audit_minute")).isPositive();
        assertThat(count(postgres, database, "quota_usage")).isPositive();
        assertThat(count(postgres, database, "flyway_schema_history WHERE success"))
            .isGreaterThanOrEqualTo(13);
        assertThat(home.resolve("coracle.db")).doesNotExist();
      }
    }
  }

  private static long count(TestPostgres postgres, String database, String fromWhere) {
    return Long.parseLong(postgres.queryForText(database, "SELECT COUNT(*) FROM " + fromWhere));
  }

  private void writeConfig(String yaml) {
    try {
      Files.writeString(home.resolve("coracle.yml"), yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
