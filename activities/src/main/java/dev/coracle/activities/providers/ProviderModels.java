package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.AgentTools;
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
   *
   * @param tools the client's tools, or null outside agent mode
   * @throws IllegalArgumentException when the response format or the tools are malformed
   */
  ChatRequestParameters parameters(
      ProviderEndpoint endpoint, String model, SamplingParams params, AgentTools tools);

  /**
   * Whether the wire carries tool-call arguments as a JSON object rather than as text, so that
   * arguments which are not an object cannot be sent back as they are.
   */
  default boolean toolArgumentsAreObjects() {
    return false;
  }
}
