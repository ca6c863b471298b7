package dev.coracle.api.openai.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiError;
import dev.coracle.api.openai.OpenAiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks of {@code /v1/embeddings} that need no model: they fail before it is loaded. */
class EmbeddingsRequestTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "",
      textBlock =
          """
          missing model       | {"input":"a"}                                                | 400 | model           |               | Missing required parameter: 'model'
          model as a number   | {"model":1,"input":"a"}                                      | 400 | model           |               | 'model' must be a string
          other model         | {"model":"gpt","input":"a"}                                  | 404 | model           | model_not_found | The embedding model 'gpt' does not exist here; use 'coracle-embed'
          missing input       | {"model":"coracle-embed"}                                    | 400 | input           |               | Missing required parameter: 'input'
          input as an object  | {"model":"coracle-embed","input":{}}                         | 400 | input           |               | 'input' must be a string or an array of strings
          empty input array   | {"model":"coracle-embed","input":[]}                         | 400 |                 |               | '$.input' is invalid: an empty array has nothing to embed
          token arrays        | {"model":"coracle-embed","input":["a",[1,2]]}                | 400 | input[1]        |               | Only text input is supported; token arrays are not
          wrong dimensions    | {"model":"coracle-embed","input":"a","dimensions":10}        | 400 | dimensions      | invalid_value | coracle-embed has 384 dimensions; 'dimensions' can only be 384
          dimensions as text  | {"model":"coracle-embed","input":"a","dimensions":"384"}     | 400 | dimensions      |               | 'dimensions' must be an integer
          unknown encoding    | {"model":"coracle-embed","input":"a","encoding_format":"hex"} | 400 | encoding_format | invalid_value | 'encoding_format' must be float or base64
          """)
  void bad_requests_name_the_parameter(
      String name, String body, int status, String param, String code, String message) {
    OpenAiException thrown = catchThrowableOfType(OpenAiException.class, () -> check(body));
    assertThat(thrown).as(body).isNotNull();
    assertThat(thrown.status()).isEqualTo(status);
    OpenAiError error = thrown.toError();
    assertThat(error.param()).isEqualTo(param);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.message()).isEqualTo(message);
  }

  /** What the controller does before it embeds. */
  private static void check(String body) {
    EmbeddingsRequest request = JsonBody.read(body, EmbeddingsRequest.class);
    EmbeddingsConversion.requireLocalModel(request);
    EmbeddingsConversion.inputs(request.input());
    EmbeddingsConversion.checkDimensions(request.dimensions());
    EmbeddingsConversion.base64(request.encodingFormat());
  }
}
