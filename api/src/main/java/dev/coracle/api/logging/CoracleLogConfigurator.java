package dev.coracle.api.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * coracle's logging set up in code, found by logback through {@code ServiceLoader}. Logback's XML
 * configuration loads an XML parser and about 600 classes that stay in memory for the life of a
 * daemon; this does the same in a handful. A {@code logback.xml}, a {@code logback-test.xml} or
 * {@code -Dlogback.configurationFile} still wins, so logging can be changed without a rebuild.
 */
public final class CoracleLogConfigurator extends ContextAwareBase implements Configurator {
  /** The environment variable (or system property) with the level of coracle's own log. */
  static final String LEVEL_VARIABLE = "CORACLE_LOG_LEVEL";

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  /**
   * Loggers quieter than the root's WARN: each says something a user cannot act on. The activity
   * worker's failures are reported by coracle itself; the test server has no worker heartbeats, and
   * the SDK warns once per start; the tokenizer library probes for a GPU it never uses; coracle
   * reports a taken port itself, in one line.
   */
  private static final Map<String, Level> QUIETER =
      Map.of(
          "io.temporal.internal.activity", Level.ERROR,
          "io.temporal.internal.worker.HeartbeatManager", Level.ERROR,
          "ai.djl.util.cuda.CudaUtils", Level.ERROR,
          "io.micronaut.http.server.netty.NettyHttpServer", Level.OFF);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (userConfigurationPresent()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context, levelSetting());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Logs to stderr (the start-up summary owns stdout): WARN and above from libraries, and coracle's
   * own log at {@code coracleLevel} (INFO when blank or not a level).
   */
  static void apply(LoggerContext context, String coracleLevel) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("dev.coracle").setLevel(Level.toLevel(coracleLevel, Level.INFO));
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  private static String levelSetting() {
    String level = System.getProperty(LEVEL_VARIABLE);
    return level != null ? level : System.getenv(LEVEL_VARIABLE);
  }

  /** True when the user (or a test) gave logback a configuration file of its own. */
  static boolean userConfigurationPresent() {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
      return true;
    }
    ClassLoader loader = CoracleLogConfigurator.class.getClassLoader();
    return loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null
        || loader.getResource(ClassicConstants.AUTOCONFIG_FILE) != null;
  }
}
