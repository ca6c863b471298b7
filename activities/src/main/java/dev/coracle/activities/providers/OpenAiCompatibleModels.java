package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.SamplingParams;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds LangChain4j models for any server speaking OpenAI's chat completions API. */
public final class OpenAiCompatibleModels implements ProviderModels {

  private final SharedHttpClients http;

  OpenAiCompatibleModels(SharedHttpClients http) {
    this.http = http;
  }

  @Override
  public ChatModel chatModel(ProviderEndpoint endpoint, String model) {
    return OpenAiChatModel.builder()
        // Temporal's retry policy is the only one; a client retry would hide failures from it.
        .maxRetries(0)
        // Captures the response headers, which carry the rate limits LangChain4j does not pass on.
        .httpClientBuilder(http.forPlainCalls(endpoint.baseUrl(), endpoint.timeout()))
        .baseUrl(endpoint.baseUrl())
        .apiKey(apiKeyOrNull(endpoint))
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public StreamingChatModel streamingChatModel(ProviderEndpoint endpoint, String model) {
    // The streaming model has no retry loop of its own.
    return OpenAiStreamingChatModel.builder()
        // Captures the response headers, which carry the rate limits LangChain4j does not pass on.
        .httpClientBuilder(http.forStreams(endpoint.baseUrl(), endpoint.timeout()))
        .baseUrl(endpoint.baseUrl())
        .apiKey(apiKeyOrNull(endpoint))
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(
      ProviderEndpoint endpoint, String model, SamplingParams params, AgentTools tools) {
    // maxOutputTokens goes out as max_tokens, which every OpenAI-compatible server accepts.
    OpenAiChatRequestParameters.Builder builder =
        OpenAiChatRequestParameters.builder()
            .modelName(model)
            .maxOutputTokens(params.maxTokens())
            .temperature(params.temperature())
            .topP(params.topP())
            .stopSequences(LangChain4jMapping.stopOrNull(params))
            .seed(params.seed());
    // Custom parameters are written into the request body as they are: the way to pass what
    // LangChain4j's typed parameters cannot say without changing its meaning.
    Map<String, Object> verbatim = new LinkedHashMap<>();
    responseFormat(builder, params, verbatim);
    if (ToolMapping.hasTools(tools)) {
      tools(builder, tools, verbatim);
    }
    if (!verbatim.isEmpty()) {
      builder.customParameters(verbatim);
    }
    return builder.build();
  }

  private static void responseFormat(
      OpenAiChatRequestParameters.Builder builder,
      SamplingParams params,
      Map<String, Object> verbatim) {
    ObjectNode format = ResponseFormats.parse(params.responseFormat());
    if (ResponseFormats.isJsonSchema(format)) {
      // LangChain4j fixes json_schema's "strict" per model, not per request, and would send
      // "strict": false; the client's object already is the wire format.
      verbatim.put("response_format", ResponseFormats.verbatim(format));
    } else {
      builder.responseFormat(ResponseFormats.toLangChain4j(format));
    }
  }

  private static void tools(
      OpenAiChatRequestParameters.Builder builder, AgentTools tools, Map<String, Object> verbatim) {
    ToolMapping.Choice choice = ToolMapping.choice(tools);
    builder
        .toolSpecifications(ToolMapping.specifications(tools.definitions(), false))
        .parallelToolCalls(tools.parallelToolCalls());
    if (choice.isKeyword()) {
      builder.toolChoice(choice.mode());
    } else if (choice.raw() != null) {
      // LangChain4j's ToolChoice has no named function. OpenAI's object forces exactly that one
      // while the model still sees every tool, which narrowing the tool list would not preserve.
      verbatim.put("tool_choice", choice.verbatim());
    }
  }

  /**
   * LangChain4j sends no Authorization header for a null key, which local servers such as LM Studio
   * accept; an empty key would send a malformed {@code Bearer } header instead.
   */
  private static String apiKeyOrNull(ProviderEndpoint endpoint) {
    return endpoint.hasApiKey() ? endpoint.apiKey() : null;
  }
}
