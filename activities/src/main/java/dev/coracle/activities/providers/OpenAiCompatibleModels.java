package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.SamplingParams;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** Builds LangChain4j models for any server speaking OpenAI's chat completions API. */
public final class OpenAiCompatibleModels implements ProviderModels {

  @Override
  public ChatModel chatModel(ProviderEndpoint endpoint, String model) {
    return OpenAiChatModel.builder()
        // Temporal's retry policy is the only one; a client retry would hide failures from it.
        .maxRetries(0)
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
        .baseUrl(endpoint.baseUrl())
        .apiKey(apiKeyOrNull(endpoint))
        .modelName(model)
        .timeout(endpoint.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public ChatRequestParameters parameters(String model, SamplingParams params) {
    // maxOutputTokens goes out as max_tokens, which every OpenAI-compatible server accepts.
    return OpenAiChatRequestParameters.builder()
        .modelName(model)
        .maxOutputTokens(params.maxTokens())
        .temperature(params.temperature())
        .topP(params.topP())
        .stopSequences(LangChain4jMapping.stopOrNull(params))
        .seed(params.seed())
        .build();
  }

  /**
   * LangChain4j sends no Authorization header for a null key, which local servers such as LM Studio
   * accept; an empty key would send a malformed {@code Bearer } header instead.
   */
  private static String apiKeyOrNull(ProviderEndpoint endpoint) {
    return endpoint.hasApiKey() ? endpoint.apiKey() : null;
  }
}
