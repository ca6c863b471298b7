package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.model.ModelAnswer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way coracle calls a model: chat, and tools in agent mode, in; {@link ModelAnswer} out;
 * every failure a classified {@link ProviderException}. Thread-safe; built models are cached per
 * endpoint and model because each one owns an HTTP client with its own connection pool.
 */
public final class ModelInvoker {

  private record Key(ProviderEndpoint endpoint, String model) {}

  private final Map<ProviderKind, ProviderModels> factories =
      Map.of(
          ProviderKind.OLLAMA, new OllamaModels(),
          ProviderKind.OPENAI_COMPATIBLE, new OpenAiCompatibleModels());
  private final Map<Key, ChatModel> chatModels = new ConcurrentHashMap<>();
  private final Map<Key, StreamingChatModel> streamingModels = new ConcurrentHashMap<>();

  /** Calls {@code model} outside agent mode; see the overload with tools. */
  public ModelAnswer invoke(
      ProviderEndpoint endpoint,
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      TokenSink sink) {
    return invoke(endpoint, model, messages, params, null, sink);
  }

  /**
   * Calls {@code model} on {@code endpoint}.
   *
   * @param params sampling settings and response format; null means the model's defaults
   * @param tools the client's tools in agent mode, or null; the answer then may hold tool calls
   *     instead of text, with finish reason {@code tool_calls}
   * @param sink null for a plain call; otherwise the answer is streamed and every token and
   *     tool-call piece is passed to the sink, in order, before this method returns
   * @throws ProviderException when the upstream fails, refuses or cannot be reached
   * @throws IllegalArgumentException when the messages, response format or tools cannot be mapped
   */
  public ModelAnswer invoke(
      ProviderEndpoint endpoint,
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      AgentTools tools,
      TokenSink sink) {
    ProviderModels factory = factories.get(endpoint.kind());
    ChatRequest request =
        ChatRequest.builder()
            .messages(LangChain4jMapping.messages(messages, factory.toolArgumentsAreObjects()))
            .parameters(
                factory.parameters(
                    model, params == null ? SamplingParams.defaults() : params, tools))
            .build();
    Key key = new Key(endpoint, model);
    long started = System.nanoTime();
    if (sink == null) {
      ChatResponse response = call(factory, key, request);
      List<ToolCall> toolCalls = ToolMapping.toolCalls(toolRequests(response));
      return answer(response, textOf(response, ""), toolCalls, started);
    }
    StreamingCall call = stream(factory, key, request);
    try {
      ChatResponse response = call.await(sink, endpoint.timeout());
      // The streamed calls carry the ids the sink already announced, generated ones included.
      List<ToolCall> toolCalls = call.streamedToolCalls();
      if (toolCalls.isEmpty()) {
        toolCalls = ToolMapping.toolCalls(toolRequests(response));
      }
      return answer(response, textOf(response, call.streamedText()), toolCalls, started);
    } catch (StreamingCall.StreamFailure failure) {
      throw ProviderErrors.classify(failure.getCause(), endpoint, model, failure.tokensSent());
    }
  }

  private StreamingCall stream(ProviderModels factory, Key key, ChatRequest request) {
    StreamingCall call = new StreamingCall();
    try {
      streamingModels
          .computeIfAbsent(key, k -> factory.streamingChatModel(k.endpoint(), k.model()))
          .chat(request, call);
    } catch (RuntimeException e) {
      throw ProviderErrors.classify(e, key.endpoint(), key.model(), false);
    }
    return call;
  }

  private ChatResponse call(ProviderModels factory, Key key, ChatRequest request) {
    try {
      return chatModels
          .computeIfAbsent(key, k -> factory.chatModel(k.endpoint(), k.model()))
          .chat(request);
    } catch (RuntimeException e) {
      throw ProviderErrors.classify(e, key.endpoint(), key.model(), false);
    }
  }

  private static ModelAnswer answer(
      ChatResponse response, String content, List<ToolCall> toolCalls, long startedNanos) {
    long millis = (System.nanoTime() - startedNanos) / 1_000_000;
    // Ollama reports a tool-calling turn as done_reason "stop"; clients look for "tool_calls".
    String finishReason =
        toolCalls.isEmpty()
            ? LangChain4jMapping.finishReason(response.finishReason())
            : "tool_calls";
    return new ModelAnswer(
        content,
        finishReason,
        LangChain4jMapping.usage(response.tokenUsage()),
        millis,
        toolCalls.isEmpty() ? null : toolCalls);
  }

  private static List<ToolExecutionRequest> toolRequests(ChatResponse response) {
    return response.aiMessage() == null ? null : response.aiMessage().toolExecutionRequests();
  }

  private static String textOf(ChatResponse response, String fallback) {
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    return text == null ? fallback : text;
  }
}
