package dev.coracle.activities.store;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Starts the application context the way the application does, on a real SQLite file. */
public final class TestStore {

  public static final Duration BUSY_TIMEOUT = Duration.ofMillis(2500);

  private TestStore() {}

  public static ApplicationContext start(Path dbFile, Clock clock) {
    return ApplicationContext.builder()
        .properties(StoreProperties.forDatabase(dbFile, BUSY_TIMEOUT))
        .singletons(clock)
        .start();
  }
}
