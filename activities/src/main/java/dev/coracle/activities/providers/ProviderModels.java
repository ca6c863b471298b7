package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.SamplingParams;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;

/** What {@link ModelInvoker} needs from each provider kind's factory. */
interface ProviderModels {

  ChatModel chatModel(ProviderEndpoint endpoint, String model);

  StreamingChatModel streamingChatModel(ProviderEndpoint endpoint, String model);

  /**
   * Request parameters of the provider's own subtype, because LangChain4j only carries
   * provider-specific fields such as {@code seed} when the subtype matches the model's.
   */
  ChatRequestParameters parameters(String model, SamplingParams params);
}
