package dev.coracle.activities.tools;

import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.job.ToolInvocation;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds tool calls the way the coder's model sends them. */
final class TestTools {

  private static final AtomicInteger CALLS = new AtomicInteger();

  private TestTools() {}

  static ToolInvocation call(Path workspace, String tool, String arguments) {
    return new ToolInvocation(
        "job-1",
        workspace.toString(),
        1,
        new ToolCall("call-" + CALLS.incrementAndGet(), tool, arguments));
  }
}
