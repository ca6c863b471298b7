package dev.coracle.activities.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code postgresql} package), a fresh
 * cluster in a temporary directory, listening on a free loopback port, with password
 * authentication. One server per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Every store a test opens gets its own database, copied from a template the store's migrations
 * already ran on, so a test starts from an empty schema in milliseconds. PostgreSQL refuses to run
 * as root; under root (as in CI) the server runs as the {@code postgres} user the package creates.
 *
 * <p>{@code CORACLE_TEST_POSTGRES_BIN} names another directory holding {@code initdb} and {@code
 * postgres}.
 */
public final class TestPostgres {

  public static final String USERNAME = "coracle";
  public static final String PASSWORD = "test-password-" + ProcessHandle.current().pid();
  private static final String TEMPLATE = "coracle_template";
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private static TestPostgres server;

  private final Path dir;
  private final Process process;
  private final int port;
  private final Set<String> databases = new HashSet<>();

  private TestPostgres(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** The JVM's server, started on first use. */
  public static synchronized TestPostgres server() {
    if (server == null) {
      server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
    }
    return server;
  }

  /** The JDBC URL of one database on the server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /**
   * The store's properties for the database that stands for {@code key} (a test's would-be SQLite
   * file): the first call creates it empty, later calls with the same key reopen it, as reopening a
   * file would.
   */
  public Map<String, Object> storeProperties(Path key) {
    return StoreProperties.forPostgresql(url(databaseFor(key)), USERNAME, PASSWORD);
  }

  /** The name of the database for {@code key}, created from the migrated template if new. */
  public synchronized String databaseFor(Path key) {
    String name = "coracle_" + sha256(key.toAbsolutePath().normalize().toString()).substring(0, 20);
    if (databases.add(name)) {
      // A file copy of the small template is faster than writing it through the WAL.
      execute(
          "postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
    }
    return name;
  }

  /**
   * A new database with nothing in it, not even the store's tables: for a test of what the store
   * does on first start, migrations included.
   */
  public synchronized String emptyDatabase(String prefix) {
    String name = prefix + "_" + (databases.size() + 1);
    databases.add(name);
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  /** Runs one statement on a database of the server, as the test user. */
  public void execute(String database, String sql) {
    try (Connection connection = DriverManager.getConnection(url(database), USERNAME, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  /** The first column of the first row a query returns, as text (null for no row). */
  public String queryForText(String database, String sql) {
    try (Connection connection = DriverManager.getConnection(url(database), USERNAME, PASSWORD);
        Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  private static TestPostgres start() {
    Path bin = binaries();
    try {
      Path dir = Files.createTempDirectory("coracle-postgres");
      Path data = dir.resolve("data");
      Path passwordFile = dir.resolve("password");
      Files.writeString(passwordFile, PASSWORD);
      List<String> runAs = runAs(dir);
      run(
          command(
              runAs,
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              USERNAME,
              "--pwfile=" + passwordFile,
              "--auth=scram-sha-256",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-sync"),
          dir.resolve("initdb.log"));
      int port = freePort();
      // Durability is irrelevant for a throwaway cluster; without fsync the tests run faster.
      ProcessBuilder builder =
          new ProcessBuilder(
              command(
                  runAs,
                  bin.resolve("postgres").toString(),
                  "-D",
                  data.toString(),
                  "-p",
                  Integer.toString(port),
                  "-c",
                  "listen_addresses=127.0.0.1",
                  "-c",
                  "unix_socket_directories=",
                  "-c",
                  "fsync=off",
                  "-c",
                  "synchronous_commit=off",
                  "-c",
                  "full_page_writes=off",
                  "-c",
                  "max_connections=300"));
      builder.redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile());
      TestPostgres started = new TestPostgres(dir, builder.start(), port);
      started.awaitReady();
      started.execute("postgres", "CREATE DATABASE " + TEMPLATE);
      Flyway.configure()
          .dataSource(started.url(TEMPLATE), USERNAME, PASSWORD)
          .locations(StoreBackend.POSTGRESQL.migrationLocations().toArray(String[]::new))
          .load()
          .migrate();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the test PostgreSQL server", e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("PostgreSQL exited at start: " + log());
      }
      try (Connection ignored = DriverManager.getConnection(url("postgres"), USERNAME, PASSWORD)) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      sleep(100);
    }
    stop();
    throw new IllegalStateException("PostgreSQL did not accept connections: " + log(), last);
  }

  /**
   * A fast shutdown (SIGINT): open connections are closed rather than waited for. The cluster's
   * directory holds a copy of the catalog per database, tens of thousands of files after a suite,
   * so a detached {@code rm} deletes it: the JVM must exit within Surefire's grace period.
   */
  private void stop() {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      new ProcessBuilder("rm", "-rf", dir.toString()).start();
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("postgres.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Debian installs each major version under /usr/lib/postgresql/N/bin; the newest wins. */
  private static Path binaries() {
    String configured = System.getenv("CORACLE_TEST_POSTGRES_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> children = Files.list(versions)) {
        return children
            .map(version -> version.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
            .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
            .max(Comparator.comparing(TestPostgres::majorVersion))
            .orElseThrow(TestPostgres::notInstalled);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw notInstalled();
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static IllegalStateException notInstalled() {
    return new IllegalStateException(
        "The PostgreSQL store tests need PostgreSQL's server binaries: install Debian's"
            + " 'postgresql' package (.ci/run does), or set CORACLE_TEST_POSTGRES_BIN");
  }

  /**
   * The prefix that runs a command as a user PostgreSQL accepts: none for an ordinary user, the
   * {@code postgres} user for root, which then owns the cluster's directory.
   */
  private static List<String> runAs(Path dir) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = lookup.lookupPrincipalByName("postgres");
      group = lookup.lookupPrincipalByGroupName("postgres");
    } catch (UserPrincipalNotFoundException e) {
      throw new IllegalStateException(
          "PostgreSQL does not run as root, and there is no 'postgres' user to run it as: install"
              + " Debian's 'postgresql' package (.ci/run does), or run the tests as another user",
          e);
    }
    for (Path path : List.of(dir, dir.resolve("password"))) {
      PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
      view.setOwner(user);
      view.setGroup(group);
    }
    return List.of(
        "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env");
  }

  private static List<String> command(List<String> prefix, String... command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(command));
    return all;
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
