package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.SamplingParams;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.List;

/** Builds LangChain4j models that talk to an Ollama server's native API. */
public final class OllamaModels implements ProviderModels {

  private final SharedHttpClients http;

  OllamaModels(SharedHttpClients http) {
    this.http = http;
  }

  @Override
  public ChatModel chatModel(ProviderEndpoint endpoint, String model) {
    return OllamaChatModel.builder()
        // Temporal's retry policy is the only one; a client retry would hide failures from it.
        .maxRetries(0)
        // Captures the response headers, which carry the rate limits LangChain4j does not pass on.
        .httpClientBuilder(http.forPlainCalls(endpoint.baseUrl(), endpoint.timeout()))
        .baseUrl(endpoint.baseUrl())
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public StreamingChatModel streamingChatModel(ProviderEndpoint endpoint, String model) {
    // The streaming model has no retry loop of its own.
    return OllamaStreamingChatModel.builder()
        // Captures the response headers, which carry the rate limits LangChain4j does not pass on.
        .httpClientBuilder(http.forStreams(endpoint.baseUrl(), endpoint.timeout()))
        .baseUrl(endpoint.baseUrl())
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(
      ProviderEndpoint endpoint, String model, SamplingParams params, AgentTools tools) {
    return OllamaChatRequestParameters.builder()
        .modelName(model)
        .maxOutputTokens(params.maxTokens())
        .temperature(params.temperature())
        .topP(params.topP())
        .stopSequences(LangChain4jMapping.stopOrNull(params))
        .seed(params.seed())
        .responseFormat(
            ResponseFormats.toLangChain4j(ResponseFormats.parse(params.responseFormat())))
        .toolSpecifications(tools(tools))
        // The single LLM slot decides when a model leaves memory; this is how long it may stay.
        .keepAlive(endpoint.keepAlive() == null ? null : (int) endpoint.keepAlive().toSeconds())
        .build();
  }

  /**
   * Ollama has no {@code tool_choice} (LangChain4j refuses anything but AUTO for it), so the choice
   * is approximated with the tool list: "none" offers no tools, and a named function, or OpenAI's
   * {@code allowed_tools}, offers only those. "required" cannot be enforced and is dropped, so the
   * model may still answer in text. {@code parallel_tool_calls} has no Ollama equivalent either.
   * Ollama's tool parameters carry no {@code $defs}, so references are inlined.
   */
  private static List<ToolSpecification> tools(AgentTools tools) {
    if (!ToolMapping.hasTools(tools)) {
      return null;
    }
    ToolMapping.Choice choice = ToolMapping.choice(tools);
    if (choice.mode() == ToolChoice.NONE) {
      return null;
    }
    return ToolMapping.specifications(tools.definitions(), true).stream()
        .filter(t -> choice.functions().isEmpty() || choice.functions().contains(t.name()))
        .toList();
  }

  /** Ollama's wire parses the arguments of an assistant's tool call into an object. */
  @Override
  public boolean toolArgumentsAreObjects() {
    return true;
  }
}
