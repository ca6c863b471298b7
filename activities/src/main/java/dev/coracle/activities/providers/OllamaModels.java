package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.SamplingParams;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

/** Builds LangChain4j models that talk to an Ollama server's native API. */
public final class OllamaModels implements ProviderModels {

  @Override
  public ChatModel chatModel(ProviderEndpoint endpoint, String model) {
    return OllamaChatModel.builder()
        // Temporal's retry policy is the only one; a client retry would hide failures from it.
        .maxRetries(0)
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
        .baseUrl(endpoint.baseUrl())
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(String model, SamplingParams params) {
    return OllamaChatRequestParameters.builder()
        .modelName(model)
        .maxOutputTokens(params.maxTokens())
        .temperature(params.temperature())
        .topP(params.topP())
        .stopSequences(LangChain4jMapping.stopOrNull(params))
        .seed(params.seed())
        .build();
  }
}
