package dev.coracle.api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolMappingTest {
  private static List<ResponseTool> tools(String json) throws Exception {
    return CoracleJson.mapper().readValue(json, new TypeReference<List<ResponseTool>>() {});
  }

  @Test
  void functions_pass_through_namespaces_flatten_custom_tools_take_one_string_and_hosted_drop()
      throws Exception {
    ToolMapping mapping =
        ToolMapping.of(
            tools(
                """
                [{"type": "function", "name": "exec_command", "strict": false,
                  "parameters": {"type": "object"}},
                 {"type": "namespace", "name": "agents", "description": "Sub-agents",
                  "tools": [{"type": "function", "name": "spawn", "description": "Start one"}]},
                 {"type": "custom", "name": "apply_patch",
                  "format": {"type": "grammar", "syntax": "lark", "definition": "start: x"}},
                 {"type": "web_search"}, {"type": "local_shell"}]"""));

    AgentTools agent = mapping.agentTools(null, true);

    assertThat(agent.definitions())
        .extracting(ToolDefinition::name)
        .containsExactly("exec_command", "agents__spawn", "apply_patch");
    assertThat(agent.definitions().get(1).description())
        .isEqualTo("[agents: Sub-agents] Start one");
    assertThat(agent.definitions().get(2).parameters()).contains("\"input\"", "lark", "start: x");
    assertThat(agent.parallelToolCalls()).isTrue();
    assertThat(mapping.dropped()).hasSize(2);
    assertThat(mapping.dropped().get(0)).startsWith("web_search");
    assertThat(mapping.dropped().get(1)).startsWith("local_shell");
    assertThat(mapping.clientTool("agents__spawn"))
        .isEqualTo(new ToolMapping.ClientTool("spawn", "agents", false));
    assertThat(mapping.clientTool("apply_patch").custom()).isTrue();
    assertThat(mapping.clientTool("unknown"))
        .isEqualTo(new ToolMapping.ClientTool("unknown", null, false));
  }

  @Test
  void a_tool_choice_naming_an_offered_tool_forces_it_and_one_naming_a_dropped_kind_is_auto()
      throws Exception {
    ToolMapping mapping =
        ToolMapping.of(
            tools(
                """
                [{"type": "namespace", "name": "agents",
                  "tools": [{"type": "function", "name": "spawn"}]}, {"type": "web_search"}]"""));
    String forced =
        mapping
            .agentTools(
                CoracleJson.mapper()
                    .readTree(
                        "{\"type\": \"function\", \"name\": \"spawn\", \"namespace\": \"agents\"}"),
                null)
            .toolChoice();
    assertThat(forced)
        .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"agents__spawn\"}}");

    String auto =
        mapping
            .agentTools(CoracleJson.mapper().readTree("{\"type\": \"web_search\"}"), null)
            .toolChoice();
    assertThat(auto).isEqualTo("\"auto\"");
  }

  @Test
  void a_name_used_twice_is_dropped_and_a_tool_without_a_name_is_a_400_naming_it()
      throws Exception {
    ToolMapping twice =
        ToolMapping.of(
            tools(
                "[{\"type\": \"function\", \"name\": \"a\"}, {\"type\": \"custom\", \"name\": \"a\"}]"));
    assertThat(twice.agentTools(null, null).definitions()).hasSize(1);
    assertThat(twice.dropped()).singleElement().asString().contains("used twice");

    assertThatThrownBy(
            () ->
                ToolMapping.of(
                    tools(
                        "[{\"type\": \"namespace\", \"name\": \"n\", \"tools\": [{\"type\": \"function\"}]}]")))
        .isInstanceOf(OpenAiException.class)
        .satisfies(
            e ->
                assertThat(((OpenAiException) e).toError().param())
                    .isEqualTo("tools[0].tools[0].name"));
  }
}
