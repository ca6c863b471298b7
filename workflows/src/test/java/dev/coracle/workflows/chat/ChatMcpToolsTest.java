package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model ↔ MCP loop coracle runs when a chat request attaches MCP servers. */
class ChatMcpToolsTest {

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  final ScriptedToolModel model = new ScriptedToolModel();
  final FakeMcpServers servers = new FakeMcpServers();

  static ModelTarget cloud(String behaviour) {
    return new ModelTarget("groq", behaviour, false, 30);
  }

  /** A question with a stream key set, as the API sends for a streamed request. */
  static ChatRequest askWithMcp(AgentTools clientTools, McpServerRef... attached) {
    return new ChatRequest(
        "coracle",
        List.of(new ChatMessage("user", "what is coracle?")),
        SamplingParams.defaults(),
        "stream-key",
        clientTools,
        false,
        null,
        null,
        List.of(attached));
  }

  static AgentTools readFile() {
    return ChatWorkflowTest.askWithTools("x").tools();
  }

  FakeLightActivities start(TestWorkflowEnvironment env, Worker worker, String behaviour) {
    FakeLightActivities light =
        new FakeLightActivities(RequestClass.FAST, ChatWorkflowTest.plan(cloud(behaviour)));
    worker.registerActivitiesImplementations(light);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(model);
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(servers);
    env.start();
    return light;
  }

  @Test
  void mcp_tool_call_is_run_by_coracle_and_the_client_gets_the_final_answer(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    FakeLightActivities light = start(env, worker, ScriptedToolModel.MCP_THEN_ANSWER);

    ChatResult result = workflow.chat(askWithMcp(null, FakeMcpServers.docs()));

    assertThat(result.content()).isEqualTo("tool said: found {\"query\":\"coracle\"}");
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.toolCalls()).isNull();
    assertThat(servers.calls).extracting(ToolCall::name).containsExactly(FakeMcpServers.SEARCH);
    assertThat(model.calls).hasSize(2);
    assertThat(model.calls.get(0).tools().definitions())
        .extracting(ToolDefinition::name)
        .containsExactly(FakeMcpServers.SEARCH);
    ChatMessage toolTurn = model.calls.get(1).messages().get(2);
    assertThat(toolTurn.role()).isEqualTo("tool");
    assertThat(toolTurn.toolCallId()).isEqualTo("call-1");
    assertThat(light.cacheLookups).as("MCP answers are never cached").isEmpty();
  }

  @Test
  void no_turn_of_the_mcp_loop_streams_tokens(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, ScriptedToolModel.MCP_THEN_ANSWER);

    workflow.chat(askWithMcp(null, FakeMcpServers.docs()));

    assertThat(model.calls).extracting(ModelCall::streamKey).containsOnlyNulls();
  }

  @Test
  void usage_sums_every_turn_of_the_loop(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, ScriptedToolModel.MCP_THEN_ANSWER);

    ChatResult result = workflow.chat(askWithMcp(null, FakeMcpServers.docs()));

    assertThat(result.usage()).isEqualTo(new Usage(20, 4));
    assertThat(result.modelMillis()).isEqualTo(10);
  }

  @Test
  void mixed_turn_runs_the_mcp_call_then_returns_only_the_clients_call(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, ScriptedToolModel.MIXED);

    ChatResult result = workflow.chat(askWithMcp(readFile(), FakeMcpServers.docs()));

    assertThat(servers.calls).extracting(ToolCall::name).containsExactly(FakeMcpServers.SEARCH);
    assertThat(result.toolCalls()).extracting(ToolCall::name).containsExactly("read_file");
    assertThat(result.finishReason()).isEqualTo("tool_calls");
    assertThat(model.calls).hasSize(1);
    assertThat(model.calls.get(0).tools().definitions())
        .extracting(ToolDefinition::name)
        .containsExactly(FakeMcpServers.SEARCH, "read_file");
  }

  @Test
  void loop_stops_after_the_round_bound_without_leaking_mcp_calls(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, ScriptedToolModel.MCP_FOREVER);

    ChatResult result = workflow.chat(askWithMcp(null, FakeMcpServers.docs()));

    assertThat(servers.calls).hasSize(McpToolLoop.MAX_TOOL_ROUNDS);
    assertThat(model.calls).hasSize(McpToolLoop.MAX_TOOL_ROUNDS + 1);
    assertThat(result.finishReason()).isEqualTo("length");
    assertThat(result.toolCalls()).isNull();
    assertThat(result.content()).contains("stopped after 8 rounds");
  }

  @Test
  void unreachable_server_fails_the_chat_with_mcp_unavailable_naming_it(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, ScriptedToolModel.MCP_THEN_ANSWER);
    McpServerRef down = new McpServerRef(FakeMcpServers.UNREACHABLE, "http://x/mcp", null, null);

    ApplicationFailure failure =
        ChatWorkflowTest.failureOf(() -> workflow.chat(askWithMcp(null, down)));

    assertThat(failure.getType()).isEqualTo(ChatErrorType.MCP_UNAVAILABLE.name());
    assertThat(failure.getOriginalMessage()).contains("'down'");
    assertThat(model.calls).isEmpty();
  }

  @Test
  void status_question_with_mcp_servers_goes_to_the_model(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    FakeLightActivities light =
        new FakeLightActivities(
            RequestClass.STATUS, ChatWorkflowTest.plan(cloud(ScriptedToolModel.MCP_THEN_ANSWER)));
    worker.registerActivitiesImplementations(light);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(model);
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(servers);
    env.start();

    ChatResult result = workflow.chat(askWithMcp(null, FakeMcpServers.docs()));

    assertThat(light.statusQuestions).isEmpty();
    assertThat(result.content()).startsWith("tool said:");
  }

  @Test
  void header_values_never_appear_in_the_request_text() {
    McpServerRef ref =
        new McpServerRef("docs", "http://x/mcp", null, java.util.Map.of("Authorization", "s3cret"));

    assertThat(askWithMcp(null, ref).toString()).contains("Authorization").doesNotContain("s3cret");
  }
}
