package dev.coracle.api.completions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/completions} as OpenAI defines it (the legacy completions API that
 * editors use for autocomplete). Fields that take more than one shape ({@code prompt}, {@code
 * stop}) stay JSON until {@link CompletionCalls} checks them; unknown fields are ignored.
 *
 * @param prompt a string, or an array holding one string
 * @param suffix the text after the gap, for fill-in-the-middle
 * @param stop a string or up to four strings
 * @param echo true to send the prompt back in front of the completion
 */
public record CompletionRequest(
    JsonNode model,
    JsonNode prompt,
    String suffix,
    @JsonProperty("max_tokens") Integer maxTokens,
    JsonNode stop,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    Boolean stream,
    @JsonProperty("stream_options") StreamOptions streamOptions,
    Boolean echo,
    Integer n,
    JsonNode logprobs,
    @JsonProperty("best_of") Integer bestOf,
    Integer seed,
    String user) {

  /** {@code stream_options}: only {@code include_usage} means anything here. */
  public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {}

  boolean streamed() {
    return Boolean.TRUE.equals(stream);
  }

  boolean includeUsage() {
    return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
  }

  boolean echoed() {
    return Boolean.TRUE.equals(echo);
  }
}
