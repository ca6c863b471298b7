package dev.coracle.activities.job;

import static dev.coracle.activities.job.Jobs.T0;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.activities.store.TestStore;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh SQLite store per test, with the job store and queries on it, its clock at {@code T0}. */
@StoreSuite
abstract class JobStoreFixture {
  @TempDir Path dir;

  ApplicationContext context;
  JobStore store;
  JobQueries queries;

  @BeforeEach
  void startStore() {
    context =
        TestStore.start(dir.resolve("coracle.db"), new MutableClock(Instant.ofEpochMilli(T0)));
    store = context.getBean(JobStore.class);
    queries = context.getBean(JobQueries.class);
  }

  @AfterEach
  void stopStore() {
    context.close();
  }
}
