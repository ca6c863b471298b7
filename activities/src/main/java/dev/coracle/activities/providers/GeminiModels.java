package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import java.util.List;

/**
 * Builds LangChain4j models for Google's Gemini API ({@code generateContent}, and {@code
 * streamGenerateContent?alt=sse} for streams). The endpoint's base URL is the API root including
 * its version, {@code https://generativelanguage.googleapis.com/v1beta}; the key travels in {@code
 * x-goog-api-key}.
 *
 * <p>What LangChain4j 1.18.1's Gemini module cannot say, and how coracle copes:
 *
 * <ul>
 *   <li>The seed is fixed per model, not per request: see {@link SeededGeminiModels}.
 *   <li>Tool parameters go out as Gemini's OpenAPI-style schema, so keywords it has no room for are
 *       dropped: see {@link GeminiSchemas}. A {@code json_schema} response format, on the other
 *       hand, travels verbatim as {@code responseJsonSchema}.
 *   <li>{@code tool_choice} naming one function: the module cannot send {@code
 *       allowedFunctionNames} per request, so only that function is offered, with mode {@code ANY}.
 *       {@code parallel_tool_calls} has no Gemini equivalent and is dropped.
 *   <li>Tool calls arrive whole, never in pieces, and Gemini gives them no ids (coracle makes
 *       them). Thought signatures are not kept, so Gemini 3 models, which want them back with
 *       earlier function calls, may refuse a multi-turn tool conversation.
 *   <li>Thought parts are dropped rather than mixed into the answer's text.
 * </ul>
 */
public final class GeminiModels implements ProviderModels {

  private final SharedHttpClients http;

  GeminiModels(SharedHttpClients http) {
    this.http = http;
  }

  @Override
  public ChatModel chatModel(ProviderEndpoint endpoint, String model) {
    JdkHttpClientBuilder client = http.forPlainCalls(baseUrl(endpoint), endpoint.timeout());
    return SeededGeminiModels.chat(
        seed ->
            GoogleAiGeminiChatModel.builder()
                // Temporal's retry policy is the only one; a client retry would hide failures.
                .maxRetries(0)
                .httpClientBuilder(client)
                .baseUrl(baseUrl(endpoint))
                .apiKey(apiKeyOrNull(endpoint))
                .modelName(model)
                .timeout(endpoint.timeout())
                .seed(seed)
                .returnThinking(false)
                .logRequestsAndResponses(false)
                .logRequests(false)
                .logResponses(false)
                .build());
  }

  @Override
  public StreamingChatModel streamingChatModel(ProviderEndpoint endpoint, String model) {
    JdkHttpClientBuilder client = http.forStreams(baseUrl(endpoint), endpoint.timeout());
    // The streaming model has no retry loop of its own.
    return SeededGeminiModels.streaming(
        seed ->
            GoogleAiGeminiStreamingChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(baseUrl(endpoint))
                .apiKey(apiKeyOrNull(endpoint))
                .modelName(model)
                .timeout(endpoint.timeout())
                .seed(seed)
                .returnThinking(false)
                .logRequestsAndResponses(false)
                .logRequests(false)
                .logResponses(false)
                .build());
  }

  @Override
  public ChatRequestParameters parameters(
      ProviderEndpoint endpoint, String model, SamplingParams params, AgentTools tools) {
    GoogleAiGeminiChatRequestParameters.Builder builder =
        GoogleAiGeminiChatRequestParameters.builder()
            .modelName(model)
            .maxOutputTokens(params.maxTokens())
            .temperature(params.temperature())
            .topP(params.topP())
            .stopSequences(LangChain4jMapping.stopOrNull(params))
            .responseFormat(
                ResponseFormats.toLangChain4j(ResponseFormats.parse(params.responseFormat())));
    if (ToolMapping.hasTools(tools)) {
      ToolMapping.Choice choice = ToolMapping.choice(tools);
      builder.toolSpecifications(tools(tools, choice));
      if (choice.mode() != null) {
        builder.toolChoice(choice.mode());
      }
    }
    ChatRequestParameters parameters = builder.build();
    return params.seed() == null
        ? parameters
        : new SeededGeminiModels.Parameters(parameters, params.seed());
  }

  /**
   * The offered tools: all of them, or those a named function or {@code allowed_tools} limits the
   * choice to. "none" still offers every tool, with mode {@code NONE}, as Gemini allows.
   */
  private static List<ToolSpecification> tools(AgentTools tools, ToolMapping.Choice choice) {
    return tools.definitions().stream()
        .filter(d -> choice.functions().isEmpty() || choice.functions().contains(d.name()))
        .map(GeminiModels::specification)
        .toList();
  }

  private static ToolSpecification specification(ToolDefinition tool) {
    try {
      return ToolSpecification.builder()
          .name(tool.name())
          .description(tool.description())
          .parameters(GeminiSchemas.parameters(tool.parameters()))
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tool '" + tool.name() + "': " + e.getMessage(), e);
    }
  }

  /** Gemini's wire carries a call's arguments as a JSON object. */
  @Override
  public boolean toolArgumentsAreObjects() {
    return true;
  }

  /** LangChain4j appends {@code /models/...} to the base URL as it is. */
  private static String baseUrl(ProviderEndpoint endpoint) {
    String url = endpoint.baseUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String apiKeyOrNull(ProviderEndpoint endpoint) {
    return endpoint.hasApiKey() ? endpoint.apiKey() : null;
  }
}
