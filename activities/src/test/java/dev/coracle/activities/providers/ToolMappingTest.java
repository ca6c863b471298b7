package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolMappingTest {

  private static final List<ToolDefinition> TOOLS =
      List.of(
          new ToolDefinition("search", null, null, null),
          new ToolDefinition("read", null, null, null));

  @Test
  void keywords_map_to_langchain4j_modes_quoted_or_bare() {
    assertThat(choice("\"required\"").mode()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(choice("none").mode()).isEqualTo(ToolChoice.NONE);
    assertThat(choice("\"auto\"").isKeyword()).isTrue();
    assertThat(choice(null)).isEqualTo(ToolMapping.Choice.UNSPECIFIED);
  }

  @Test
  void named_function_and_allowed_tools_limit_the_functions_and_keep_the_raw_object() {
    ToolMapping.Choice named = choice("{\"type\":\"function\",\"function\":{\"name\":\"read\"}}");
    ToolMapping.Choice allowed =
        choice(
            "{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\","
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\"}}]}}");

    assertThat(named.mode()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(named.functions()).containsExactly("read");
    assertThat(named.isKeyword()).isFalse();
    assertThat(named.verbatim())
        .isEqualTo(Map.of("type", "function", "function", Map.of("name", "read")));
    assertThat(allowed.mode()).isEqualTo(ToolChoice.AUTO);
    assertThat(allowed.functions()).containsExactly("search");
  }

  @Test
  void unknown_keyword_is_kept_verbatim_for_the_upstream_to_judge() {
    ToolMapping.Choice any = choice("\"any\"");

    assertThat(any.mode()).isNull();
    assertThat(any.isKeyword()).isFalse();
    assertThat(any.verbatim()).isEqualTo("any");
  }

  @Test
  void malformed_tool_parameters_name_the_tool() {
    ToolDefinition broken = new ToolDefinition("grep", null, "[1,2]", null);

    assertThatThrownBy(() -> ToolMapping.specifications(List.of(broken), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tool 'grep': tool parameters must be a JSON object");
  }

  @Test
  void boolean_property_schemas_are_written_as_objects() {
    var parameters =
        JsonSchemas.parameters(
            "{\"type\":\"object\",\"properties\":{\"any\":true,\"never\":false}}", false);

    assertThat(parameters.properties())
        .containsEntry("any", JsonRawSchema.from("{}"))
        .containsEntry("never", JsonRawSchema.from("{\"not\":{}}"));
  }

  private static ToolMapping.Choice choice(String toolChoice) {
    return ToolMapping.choice(new AgentTools(TOOLS, toolChoice, null));
  }
}
