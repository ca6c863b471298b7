package dev.coracle.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoracleLogConfiguratorTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream realStderr;
  private final LoggerContext context = new LoggerContext();

  @BeforeEach
  void captureStderr() {
    // Logback's own start-up gives its context an MDC adapter; a context made by hand needs one.
    context.setMDCAdapter(new LogbackMDCAdapter());
    realStderr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    context.stop();
    System.setErr(realStderr);
  }

  private String stderr() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void coracle_info_reaches_stderr_in_the_documented_pattern() {
    CoracleLogConfigurator.apply(context, null);

    context.getLogger("dev.coracle.api.ServeCommand").info("listening on {}", 8787);
    context.getLogger("dev.coracle.api.ServeCommand").debug("not shown");

    assertThat(stderr())
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.c\\.api\\.ServeCommand - listening on 8787\\R");
  }

  @Test
  void libraries_log_warnings_only_and_the_noisy_ones_less() {
    CoracleLogConfigurator.apply(context, "");

    context.getLogger("io.grpc.internal.ManagedChannelImpl").info("chatter");
    context.getLogger("io.temporal.internal.activity.ActivityTaskExecutors").warn("retrying");
    context.getLogger("io.micronaut.http.server.netty.NettyHttpServer").error("port taken");
    context.getLogger("com.zaxxer.hikari.pool.HikariPool").warn("slow connection");

    assertThat(stderr().lines()).hasSize(1);
    assertThat(stderr()).contains("WARN  c.z.h.p.HikariPool - slow connection");
  }

  @Test
  void coracle_log_level_setting_lowers_coracle_own_level() {
    CoracleLogConfigurator.apply(context, "debug");

    context.getLogger("dev.coracle.worker.Recycler").debug("recycling");

    assertThat(context.getLogger("dev.coracle").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(stderr()).contains("DEBUG d.c.worker.Recycler - recycling");
  }

  @Test
  void a_level_that_is_not_one_keeps_info() {
    CoracleLogConfigurator.apply(context, "loud");

    assertThat(context.getLogger("dev.coracle").getLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void a_logback_test_xml_on_the_class_path_wins() {
    // The test class path has api/src/test/resources/logback-test.xml.
    CoracleLogConfigurator configurator = new CoracleLogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger("dev.coracle").getLevel()).isNull();
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
        .isExhausted();
  }
}
