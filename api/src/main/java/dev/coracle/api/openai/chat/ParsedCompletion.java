package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.McpServerRef;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;

/**
 * A chat completion request after validation: what the door needs besides the internal request (the
 * model name to echo, whether to stream and send usage).
 *
 * @param mcpServers the MCP servers whose tools coracle runs for this request, or null
 */
public record ParsedCompletion(
    String model,
    List<ChatMessage> messages,
    SamplingParams params,
    boolean stream,
    boolean includeUsage,
    AgentTools tools,
    List<McpServerRef> mcpServers) {
  private static final ObjectReader REQUEST = JsonBody.readerFor(ChatCompletionRequest.class);

  /**
   * Reads and validates a {@code /v1/chat/completions} body.
   *
   * @throws dev.coracle.api.openai.OpenAiException a 400 naming the parameter at fault
   */
  public static ParsedCompletion parse(String body) {
    return ChatCompletionConversion.toParsed(JsonBody.<ChatCompletionRequest>read(body, REQUEST));
  }

  /** The internal request this body asks for. */
  public ChatCall call() {
    return new ChatCall(model, messages, params, tools, mcpServers);
  }
}
