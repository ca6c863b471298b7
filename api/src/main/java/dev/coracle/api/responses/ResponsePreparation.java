package dev.coracle.api.responses;

import dev.coracle.activities.store.ResponseStore;
import dev.coracle.activities.store.StoredResponse;
import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request into the internal call: the continued conversation (from the store) and the new
 * input, the instructions, the tools the upstream can take, and the sampling settings.
 */
@Singleton
class ResponsePreparation {
  private final ResponseStore store;

  ResponsePreparation(ResponseStore store) {
    this.store = store;
  }

  PreparedResponse prepare(ResponsesRequest request) {
    List<Item> items = new ArrayList<>(previousItems(request.previousResponseId()));
    int firstNew = items.size();
    items.addAll(Conversation.items(request.input()));
    ToolMapping tools = ToolMapping.of(request.toolsOrEmpty());
    AgentTools agentTools = tools.agentTools(request.toolChoice(), request.parallelToolCalls());
    List<ChatMessage> messages = Conversation.messages(request.instructions(), items, firstNew);
    SamplingParams params =
        new SamplingParams(
            request.maxOutputTokens(),
            request.temperature(),
            request.topP(),
            List.of(),
            null,
            ResponseFormats.internal(request.text()));
    // Cached only when as safe as a chat completion: no tools at all, not even dropped ones.
    ChatCall call =
        new ChatCall(
            request.model(), messages, params, agentTools, null, request.toolsOrEmpty().isEmpty());
    return new PreparedResponse(request, call, tools, List.copyOf(items));
  }

  /** The items of the response this one continues; a 400 when it is not (or no longer) stored. */
  private List<Item> previousItems(String previousResponseId) {
    if (previousResponseId == null) {
      return List.of();
    }
    StoredResponse previous =
        store
            .find(previousResponseId)
            .orElseThrow(
                () ->
                    new OpenAiException(
                        400,
                        "invalid_request_error",
                        "previous_response_id",
                        "previous_response_not_found",
                        "Previous response with id '"
                            + previousResponseId
                            + "' not found. Only responses created with store true (the default)"
                            + " are kept, for responses.store-ttl-hours."));
    return Conversation.read(previous.itemsJson());
  }
}
