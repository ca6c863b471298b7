package dev.coracle.activities.workspace;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.store.TestStore;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The application context with the store and a configuration, and real git repositories. */
public final class TestWorkspaces {

  private TestWorkspaces() {}

  /** Writes {@code yaml} as {@code home/coracle.yml} and loads it. */
  public static LoadedConfig config(Path home, String yaml) throws IOException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("coracle.yml"), yaml);
    return ConfigLoader.load(home, Map.of());
  }

  public static ApplicationContext start(Path dbFile, Clock clock, LoadedConfig loaded) {
    return ApplicationContext.builder()
        .properties(TestStore.properties(dbFile))
        .singletons(clock, loaded)
        .start();
  }

  /** Runs git in {@code repo} as a fixed author; fails the test when git fails. */
  public static String git(Path repo, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
    command.addAll(List.of(args));
    CommandResult result =
        CommandRunner.run(command, repo, Duration.ofSeconds(30), 1 << 20, () -> {});
    if (result.exitCode() != 0) {
      throw new IllegalStateException("git " + List.of(args) + " failed: " + result.output());
    }
    return result.output();
  }

  public static Path write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
