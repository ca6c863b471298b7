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
import java.util.function.Consumer;

/**
 * The one way coracle calls a model: chat, and tools in agent mode, in; {@link ModelAnswer} out;
 * every failure a classified {@link ProviderException}. Thread-safe; built models are cached per
 * endpoint and model, and the models of one endpoint share its HTTP clients ({@link
 * SharedHttpClients}).
 */
public final class ModelInvoker {

  private record Key(ProviderEndpoint endpoint, String model) {}

  private final SharedHttpClients http = new SharedHttpClients();
  private final Map<ProviderKind, ProviderModels> factories =
      Map.of(
          ProviderKind.OLLAMA, new OllamaModels(http),
          ProviderKind.OPENAI_COMPATIBLE, new OpenAiCompatibleModels(http),
          ProviderKind.GEMINI, new GeminiModels(http));
  private final Map<Key, ChatModel> chatModels = new ConcurrentHashMap<>();
  private final Map<Key, StreamingChatModel> streamingModels = new ConcurrentHashMap<>();

  /** Calls {@code model} outside agent mode; see the overload with tools. */
  public ModelAnswer invoke(
      ProviderEndpoint endpoint,
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      TokenSink sink) {
    return invoke(endpoint, model, messages, params, null, sink, null);
  }

  /** Calls {@code model} without listening for rate limits; see the overload that does. */
  public ModelAnswer invoke(
      ProviderEndpoint endpoint,
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      AgentTools tools,
      TokenSink sink) {
    return invoke(endpoint, model, messages, params, tools, sink, null);
  }

  /**
   * Calls {@code model} on {@code endpoint}.
   *
   * @param params sampling settings and response format; null means the model's defaults
   * @param tools the client's tools in agent mode, or null; the answer then may hold tool calls
   *     instead of text, with finish reason {@code tool_calls}
   * @param sink null for a plain call; otherwise the answer is streamed and every token and
   *     tool-call piece is passed to the sink, in order, before this method returns
   * @param rateLimits null, or told on the invoking thread, before this method returns or throws,
   *     what the upstream's response revealed about its rate limits: once per call that got a
   *     response saying anything about them, whether the call succeeded or failed. A failure also
   *     carries the same info in {@link ProviderException#rateLimit()}.
   * @throws ProviderException when the upstream fails, refuses or cannot be reached
   * @throws IllegalArgumentException when the messages, response format or tools cannot be mapped
   */
  public ModelAnswer invoke(
      ProviderEndpoint endpoint,
      String model,
      List<ChatMessage> messages,
      SamplingParams params,
      AgentTools tools,
      TokenSink sink,
      Consumer<RateLimitInfo> rateLimits) {
    ProviderModels factory = factories.get(endpoint.kind());
    ChatRequest request =
        ChatRequest.builder()
            .messages(LangChain4jMapping.messages(messages, factory.toolArgumentsAreObjects()))
            .parameters(
                factory.parameters(
                    endpoint, model, params == null ? SamplingParams.defaults() : params, tools))
            .build();
    Call call = new Call(factory, new Key(endpoint, model), new ResponseCapture(), rateLimits);
    long started = System.nanoTime();
    if (sink == null) {
      ChatResponse response = call.chat(request);
      List<ToolCall> toolCalls = ToolMapping.toolCalls(toolRequests(response));
      return answer(response, textOf(response, ""), toolCalls, started);
    }
    StreamingCall stream = call.stream(request);
    ChatResponse response = call.await(stream, sink);
    // The streamed calls carry the ids the sink already announced, generated ones included.
    List<ToolCall> toolCalls = stream.streamedToolCalls();
    if (toolCalls.isEmpty()) {
      toolCalls = ToolMapping.toolCalls(toolRequests(response));
    }
    return answer(response, textOf(response, stream.streamedText()), toolCalls, started);
  }

  /**
   * One call to one model: classifies its failures and reports what the response said about rate
   * limits, once, whichever way the call ends.
   */
  private final class Call {
    private final ProviderModels factory;
    private final Key key;
    private final ResponseCapture capture;
    private final Consumer<RateLimitInfo> rateLimits;

    Call(
        ProviderModels factory,
        Key key,
        ResponseCapture capture,
        Consumer<RateLimitInfo> rateLimits) {
      this.factory = factory;
      this.key = key;
      this.capture = capture;
      this.rateLimits = rateLimits;
    }

    ChatResponse chat(ChatRequest request) {
      ChatResponse response;
      try (ResponseCapture.Binding bound = capture.bind()) {
        response =
            chatModels
                .computeIfAbsent(key, k -> factory.chatModel(k.endpoint(), k.model()))
                .chat(request);
      } catch (RuntimeException e) {
        throw failure(e, false);
      }
      String broken = PlainEnding.brokenReason(response);
      if (broken != null) {
        throw failure(new BrokenStreamException(broken), false);
      }
      report(capture.rateLimits(null));
      return response;
    }

    /** Starts the stream; the request is sent on this thread, so the binding reaches the client. */
    StreamingCall stream(ChatRequest request) {
      StreamingCall stream = new StreamingCall();
      StreamEnding ending =
          new StreamEnding(StreamEnding.Wire.of(key.endpoint().kind()), stream::bodyEndedBadly);
      stream.watchedBy(ending);
      capture.watchEnding(ending);
      try (ResponseCapture.Binding bound = capture.bind()) {
        streamingModels
            .computeIfAbsent(key, k -> factory.streamingChatModel(k.endpoint(), k.model()))
            .chat(request, stream);
      } catch (RuntimeException e) {
        throw failure(e, false);
      }
      return stream;
    }

    ChatResponse await(StreamingCall stream, TokenSink sink) {
      ChatResponse response;
      try {
        response = stream.await(sink, key.endpoint().timeout(), key.endpoint().totalTimeout());
      } catch (StreamingCall.StreamFailure failure) {
        throw failure(failure.getCause(), failure.tokensSent());
      } catch (RuntimeException sinkFailed) {
        // The upstream answered; only the consumer of the tokens gave up.
        report(capture.rateLimits(null));
        throw sinkFailed;
      }
      report(capture.rateLimits(null));
      return response;
    }

    private ProviderException failure(Throwable error, boolean tokensSent) {
      RateLimitInfo info = capture.rateLimits(ProviderErrors.errorBody(error));
      ProviderException failure =
          ProviderErrors.classify(
              error, key.endpoint(), key.model(), capture.status() != 0, tokensSent, info);
      try {
        report(info);
      } catch (RuntimeException listenerFailed) {
        failure.addSuppressed(listenerFailed);
      }
      return failure;
    }

    private void report(RateLimitInfo info) {
      if (rateLimits != null && info != null) {
        rateLimits.accept(info);
      }
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
