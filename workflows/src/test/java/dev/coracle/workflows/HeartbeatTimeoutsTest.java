package dev.coracle.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.model.ModelTarget;
import io.temporal.activity.ActivityOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Liveness: an activity that heartbeats must have a heartbeat timeout, or a worker that dies in the
 * middle of it goes unnoticed until its whole time bound runs out. Every option set of the catalog
 * is listed here as heartbeating or not, so a new one fails this test until someone decides.
 */
class HeartbeatTimeoutsTest {

  /** Option sets whose activities heartbeat while they run, and where they do it. */
  static final Set<String> HEARTBEATING =
      Set.of(
          "modelCall", // ModelActivitiesImpl: CallPulse beats with every token and while waiting.
          "toolCall", // ToolActivitiesImpl: SteadyHeartbeat, and shell, git and MCP tools beat.
          "classifyVote"); // ClassifyVoteActivitiesImpl: SteadyHeartbeat, LocalSlotGate's waits.

  /** Option sets whose activities never heartbeat: quick reads and calls with a short bound. */
  static final Set<String> SILENT = Set.of("workspaceRead", "mcpListTools", "mcpCallTool");

  static final ModelTarget TARGET = new ModelTarget("ollama", "coder", true, 30);

  @Test
  void every_activity_that_heartbeats_has_a_heartbeat_timeout_shorter_than_its_attempt() {
    for (Method method : remoteOptionSets()) {
      assertThat(HEARTBEATING.contains(method.getName()) || SILENT.contains(method.getName()))
          .as("%s must be listed as heartbeating or silent", method.getName())
          .isTrue();
      if (!HEARTBEATING.contains(method.getName())) {
        continue;
      }
      ActivityOptions options = options(method);
      assertThat(options.getHeartbeatTimeout())
          .as("%s heartbeat timeout", method.getName())
          .isNotNull()
          .isPositive()
          .isLessThan(options.getStartToCloseTimeout());
    }
  }

  @Test
  void the_catalog_lists_every_remote_option_set_the_test_knows() {
    assertThat(remoteOptionSets().stream().map(Method::getName))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(HEARTBEATING.stream(), SILENT.stream()).toList());
  }

  private static List<Method> remoteOptionSets() {
    return Arrays.stream(ActivityOptionsCatalog.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getReturnType() == ActivityOptions.class)
        .toList();
  }

  private static ActivityOptions options(Method method) {
    try {
      return method.getParameterCount() == 0
          ? (ActivityOptions) method.invoke(null)
          : (ActivityOptions) method.invoke(null, TARGET);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("could not build " + method.getName(), e);
    }
  }
}
