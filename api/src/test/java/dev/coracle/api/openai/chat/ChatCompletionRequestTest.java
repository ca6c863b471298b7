package dev.coracle.api.openai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiError;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCompletionRequestTest {
  private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "",
      textBlock =
          """
          model as a number          | {"model":7,%s}                                   | model                         |              | 'model' must be a string
          blank model                | {"model":" ",%s}                                 | model                         |              | 'model' must be a non-empty string
          missing model              | {%s}                                             | model                         |              | Missing required parameter: 'model'
          temperature as text        | {"model":"m","temperature":"hot",%s}             | temperature                   |              | 'temperature' must be a number
          temperature as digits      | {"model":"m","temperature":"0.5",%s}             | temperature                   |              | 'temperature' must be a number
          temperature too high       | {"model":"m","temperature":5,%s}                 | temperature                   | invalid_value | 'temperature' must be between 0.0 and 2.0 (got 5.0)
          top_p too high             | {"model":"m","top_p":1.5,%s}                     | top_p                         | invalid_value | 'top_p' must be between 0.0 and 1.0 (got 1.5)
          max_tokens as a fraction   | {"model":"m","max_tokens":1.5,%s}                | max_tokens                    |              | 'max_tokens' must be an integer
          max_tokens beyond an int   | {"model":"m","max_tokens":99999999999,%s}        | max_tokens                    |              | 'max_tokens' must be an integer
          max_tokens zero            | {"model":"m","max_tokens":0,%s}                  | max_tokens                    | invalid_value | 'max_tokens' must be at least 1 (got 0)
          max_completion_tokens zero | {"model":"m","max_completion_tokens":0,%s}       | max_completion_tokens         | invalid_value | 'max_completion_tokens' must be at least 1 (got 0)
          n of two                   | {"model":"m","n":2,%s}                           | n                             | invalid_value | Only n=1 is supported
          stream as a string         | {"model":"m","stream":"true",%s}                 | stream                        |              | 'stream' must be a boolean
          stream_options not object  | {"model":"m","stream_options":5,%s}              | stream_options                |              | 'stream_options' must be an object
          include_usage as a number  | {"model":"m","stream_options":{"include_usage":1},%s} | stream_options.include_usage |          | 'stream_options.include_usage' must be a boolean
          stop as a number           | {"model":"m","stop":5,%s}                        | stop                          |              | 'stop' must be a string or an array of up to 4 strings
          five stops                 | {"model":"m","stop":["a","b","c","d","e"],%s}    | stop                          |              | 'stop' must be a string or an array of up to 4 strings
          stop with a number         | {"model":"m","stop":["a",1],%s}                  | stop                          |              | 'stop' must be a string or an array of up to 4 strings
          seed as text               | {"model":"m","seed":"1",%s}                      | seed                          |              | 'seed' must be an integer
          response_format string     | {"model":"m","response_format":"json",%s}        | response_format               |              | 'response_format' must be an object
          response_format no type    | {"model":"m","response_format":{},%s}            | response_format               |              | 'response_format' must be an object with a 'type'
          response_format bad type   | {"model":"m","response_format":{"type":"xml"},%s} | response_format.type         | invalid_value | 'response_format.type' must be text, json_object or json_schema
          json_schema without name   | {"model":"m","response_format":{"type":"json_schema","json_schema":{"schema":{}}},%s} | response_format.json_schema | | 'json_schema' needs a 'name' and a 'schema'
          json_schema schema string  | {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"a","schema":"x"}},%s} | response_format.json_schema.schema | | 'json_schema.schema' must be a JSON schema object
          """)
  void scalar_and_option_errors_name_the_parameter(
      String name, String template, String param, String code, String message) {
    assertError(template.formatted(HI), param, code, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "",
      textBlock =
          """
          missing messages           | {"model":"m"}                                                | messages                        |              | Missing required parameter: 'messages'
          messages not an array      | {"model":"m","messages":"hi"}                                | messages                        |              | 'messages' must be an array
          empty messages             | {"model":"m","messages":[]}                                  | messages                        |              | 'messages' must contain at least one message
          message not an object      | {"model":"m","messages":["hi"]}                              | messages[0]                     |              | 'messages[0]' must be an object
          null message               | {"model":"m","messages":[null]}                              | messages[0]                     |              | 'messages[0]' must be an object
          missing role               | {"model":"m","messages":[{"content":"hi"}]}                  | messages[0].role                |              | 'messages[0].role' must be a string
          role as a number           | {"model":"m","messages":[{"role":1,"content":"hi"}]}         | messages[0].role                |              | 'messages[0].role' must be a string
          unknown role               | {"model":"m","messages":[{"role":"wizard","content":"hi"}]}  | messages[0].role                | invalid_value | Invalid value 'wizard' for 'messages[0].role': expected one of system, developer, user, assistant, tool
          user without content       | {"model":"m","messages":[{"role":"user"}]}                   | messages[0].content             |              | Missing required parameter: 'messages[0].content'
          content as a number        | {"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":3}]} | messages[1].content | | 'messages[1].content' must be a string or an array of parts
          image part                 | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]} | messages[0].content[0] | invalid_value | Only text content parts are supported (got 'image_url')
          part text as a number      | {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":5}]}]} | messages[0].content[0].text | | 'messages[0].content[0].text' must be a string
          part text missing          | {"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]} | messages[0].content[0].text | | 'messages[0].content[0].text' must be a string
          name as a number           | {"model":"m","messages":[{"role":"user","content":"hi","name":5}]} | messages[0].name          |              | 'messages[0].name' must be a string
          tool without call id       | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"x"}]} | messages[1].tool_call_id | | A tool message needs the 'tool_call_id' it answers
          tool call without id       | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"function":{"name":"f"}}]}]} | messages[1].tool_calls[0] | | Each tool call needs an 'id' and a 'function.name'
          tool calls not an array    | {"model":"m","messages":[{"role":"assistant","content":"a","tool_calls":{}}]} | messages[0].tool_calls | | 'messages[0].tool_calls' must be an array
          only blank text            | {"model":"m","messages":[{"role":"user","content":" \\u0000 "}]} | messages                     |              | The messages hold no text: every content is empty or blank once control characters are removed
          """)
  void message_errors_name_the_message(
      String name, String body, String param, String code, String message) {
    assertError(body, param, code, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "",
      textBlock =
          """
          tools not an array         | {"model":"m","tools":{},%s}                                   | tools                 |              | 'tools' must be an array
          tool not an object         | {"model":"m","tools":["f"],%s}                                | tools[0]              |              | 'tools[0]' must be an object
          hosted tool type           | {"model":"m","tools":[{"type":"web_search"}],%s}              | tools[0].type         | invalid_value | Only tools of type 'function' or 'mcp' are supported (got 'web_search')
          bad function name          | {"model":"m","tools":[{"type":"function","function":{"name":"a b"}}],%s} | tools[0].function.name | | 'tools[0].function.name' must be 1-64 letters, digits, '_' or '-'
          function without body      | {"model":"m","tools":[{"type":"function"}],%s}                | tools[0].function.name |             | 'tools[0].function.name' must be 1-64 letters, digits, '_' or '-'
          parameters not a schema    | {"model":"m","tools":[{"type":"function","function":{"name":"f","parameters":[]}}],%s} | tools[0].function.parameters | | 'parameters' must be a JSON schema object
          same name twice            | {"model":"m","tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"f"}}],%s} | tools[1].function.name | invalid_value | Tool name 'f' is used twice
          unknown tool_choice mode   | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"always",%s} | tool_choice | invalid_value | 'tool_choice' must be auto, none, required or a named function
          tool_choice of no tool     | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}},%s} | tool_choice | invalid_value | 'tool_choice' names 'g', which is not among the tools
          tool_choice bad object     | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"x"},%s} | tool_choice | | 'tool_choice' must be auto, none, required or {"type":"function","function":{"name":...}}
          tool_choice without tools  | {"model":"m","tool_choice":"auto",%s}                          | tool_choice           |              | 'tool_choice' is only allowed when 'tools' is given
          parallel as text           | {"model":"m","tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":"yes",%s} | parallel_tool_calls | | 'parallel_tool_calls' must be a boolean
          mcp bad label              | {"model":"m","tools":[{"type":"mcp","server_label":"a b","server_url":"http://x"}],%s} | tools[0].server_label | | 'tools[0].server_label' must be 1-32 letters, digits, '_' or '-'
          mcp file url               | {"model":"m","tools":[{"type":"mcp","server_label":"a","server_url":"file:///etc"}],%s} | tools[0].server_url | invalid_value | 'tools[0].server_url' must be an http or https URL
          mcp label twice            | {"model":"m","tools":[{"type":"mcp","server_label":"a","server_url":"http://x"},{"type":"mcp","server_label":"a","server_url":"http://y"}],%s} | tools[1].server_label | invalid_value | MCP server label 'a' is used twice
          mcp blank allowed tool     | {"model":"m","tools":[{"type":"mcp","server_label":"a","server_url":"http://x","allowed_tools":[" "]}],%s} | tools[0].allowed_tools[0] | | 'tools[0].allowed_tools[0]' must be a tool name
          mcp allowed tool number    | {"model":"m","tools":[{"type":"mcp","server_label":"a","server_url":"http://x","allowed_tools":[3]}],%s} | tools[0].allowed_tools[0] | | 'tools[0].allowed_tools[0]' must be a string
          mcp header number          | {"model":"m","tools":[{"type":"mcp","server_label":"a","server_url":"http://x","headers":{"X-Key":12345}}],%s} | tools[0].headers.X-Key | | 'tools[0].headers.X-Key' must be a string
          """)
  void tool_errors_name_the_tool(
      String name, String template, String param, String code, String message) {
    assertError(template.formatted(HI), param, code, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          array body         | [1,2]
          string body        | "hi"
          null body          | null
          """)
  void a_body_that_is_no_object_is_refused_without_a_param(String name, String body) {
    OpenAiError error = errorOf(body);
    assertThat(error.param()).isNull();
    assertThat(error.message()).isEqualTo("The request body must be a JSON object");
  }

  /**
   * Jackson may read {@code ""} as a missing object; either way the request is refused naming the
   * field, never accepted as if the field were absent.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          messages as empty text  | {"model":"m","messages":""}                   | messages
          message as empty text   | {"model":"m","messages":[""]}                 | messages[0]
          tool as empty text      | {"model":"m","tools":[""],%s}                 | tools[0]
          """)
  void empty_text_in_place_of_an_object_is_refused(String name, String template, String param) {
    assertThat(errorOf(template.formatted(HI)).param()).isEqualTo(param);
  }

  @Test
  void broken_json_is_invalid_json_even_deep_inside_a_record() {
    for (String body :
        List.of(
            "{\"model\":",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"} x]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":tru}]}]}")) {
      OpenAiError error = errorOf(body);
      assertThat(error.code()).as(body).isEqualTo("invalid_json");
      assertThat(error.message()).as(body).startsWith("The request body is not valid JSON: ");
    }
  }

  @Test
  void empty_body_is_refused() {
    assertThat(errorOf("  ").message()).isEqualTo("The request body is empty; send a JSON object");
  }

  @Test
  void a_full_agent_request_becomes_the_internal_request() throws Exception {
    ParsedCompletion parsed =
        ParsedCompletion.parse(
            """
            {"model":"coracle","stream":true,"stream_options":{"include_usage":true},
             "max_tokens":100,"temperature":0.2,"top_p":1,"stop":"END","seed":7,"user":"u",
             "metadata":{"a":1},"frequency_penalty":0,
             "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},
             "tools":[{"type":"function","function":{"name":"read_file","description":"reads",
                        "parameters":{"type":"object"},"strict":true}},
                      {"type":"mcp","server_label":"fs","server_url":"http://127.0.0.1:9/mcp",
                       "allowed_tools":["list"],"headers":{"Authorization":"Bearer s"}}],
             "tool_choice":{"type":"function","function":{"name":"read_file"}},
             "parallel_tool_calls":false,
             "messages":[{"role":"developer","content":"be brief"},
                         {"role":"user","content":[{"type":"text","text":"read "},{"type":"text","text":"a\\u0007.txt"}]},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                           "function":{"name":"read_file","arguments":"{\\"path\\":\\"a.txt\\"}"}}]},
                         {"role":"assistant","tool_calls":[{"id":"c2","function":{"name":"read_file","arguments":{"path":"b"}}}]},
                         {"role":"tool","tool_call_id":"c1","content":"A"}]}
            """);
    assertThat(parsed.model()).isEqualTo("coracle");
    assertThat(parsed.stream()).isTrue();
    assertThat(parsed.includeUsage()).isTrue();
    assertThat(parsed.params().maxTokens()).isEqualTo(100);
    assertThat(parsed.params().temperature()).isEqualTo(0.2);
    assertThat(parsed.params().stop()).containsExactly("END");
    assertThat(parsed.params().seed()).isEqualTo(7);
    JsonNode format = CoracleJson.mapper().readTree(parsed.params().responseFormat());
    assertThat(format.at("/json_schema/schema/type").asText()).isEqualTo("object");
    List<ChatMessage> messages = parsed.messages();
    assertThat(messages)
        .extracting(ChatMessage::role)
        .containsExactly("system", "user", "assistant", "assistant", "tool");
    assertThat(messages.get(1).content()).isEqualTo("read a.txt");
    assertThat(messages.get(2).content()).isEmpty();
    assertThat(messages.get(2).toolCallsOrEmpty().get(0).arguments())
        .isEqualTo("{\"path\":\"a.txt\"}");
    assertThat(messages.get(3).toolCallsOrEmpty().get(0).arguments()).isEqualTo("{\"path\":\"b\"}");
    assertThat(messages.get(4).toolCallId()).isEqualTo("c1");
    assertThat(parsed.tools().definitions()).hasSize(1);
    assertThat(parsed.tools().definitions().get(0).strict()).isTrue();
    assertThat(parsed.tools().toolChoice())
        .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}");
    assertThat(parsed.tools().parallelToolCalls()).isFalse();
    assertThat(parsed.mcpServers())
        .singleElement()
        .satisfies(
            server -> {
              assertThat(server.label()).isEqualTo("fs");
              assertThat(server.allowedTools()).containsExactly("list");
              assertThat(server.headers()).containsEntry("Authorization", "Bearer s");
            });
  }

  @Test
  void a_minimal_request_has_no_tools_and_no_options() {
    ParsedCompletion parsed = ParsedCompletion.parse("{\"model\":\"coracle\"," + HI + "}");
    assertThat(parsed.stream()).isFalse();
    assertThat(parsed.includeUsage()).isFalse();
    assertThat(parsed.tools()).isNull();
    assertThat(parsed.mcpServers()).isNull();
    assertThat(parsed.params().stop()).isEmpty();
    assertThat(parsed.params().maxTokens()).isNull();
    assertThat(parsed.params().responseFormat()).isNull();
  }

  @Test
  void tool_choice_none_is_allowed_without_tools() {
    ParsedCompletion parsed =
        ParsedCompletion.parse("{\"model\":\"coracle\",\"tool_choice\":\"none\"," + HI + "}");
    assertThat(parsed.tools()).isNull();
  }

  private static void assertError(String body, String param, String code, String message) {
    OpenAiError error = errorOf(body);
    assertThat(error.param()).as(body).isEqualTo(param);
    assertThat(error.code()).as(body).isEqualTo(code);
    assertThat(error.message()).as(body).isEqualTo(message);
    assertThat(error.type()).isEqualTo("invalid_request_error");
  }

  private static OpenAiError errorOf(String body) {
    OpenAiException thrown =
        catchThrowableOfType(OpenAiException.class, () -> ParsedCompletion.parse(body));
    assertThat(thrown).as(body).isNotNull();
    assertThat(thrown.status()).isEqualTo(400);
    return thrown.toError();
  }
}
