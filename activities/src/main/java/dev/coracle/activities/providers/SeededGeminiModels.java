package dev.coracle.activities.providers;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A per-request seed for Gemini. LangChain4j 1.18.1's Gemini models take the seed only when they
 * are built, not with each request, so a request that carries one is sent through a model built for
 * it. The models share their HTTP client, which makes building one per seeded request cheap; the
 * unseeded model is built once and kept.
 */
final class SeededGeminiModels {

  private SeededGeminiModels() {}

  /** Request parameters that also carry the seed, which Gemini's own parameters cannot. */
  static final class Parameters extends DefaultChatRequestParameters {
    private final Integer seed;

    Parameters(ChatRequestParameters parameters, Integer seed) {
      super(DefaultChatRequestParameters.builder().overrideWith(parameters));
      this.seed = seed;
    }

    Integer seed() {
      return seed;
    }
  }

  /** Builds a model for a seed; null means no seed. */
  @FunctionalInterface
  interface Factory<M> {
    M build(Integer seed);
  }

  static ChatModel chat(Factory<ChatModel> factory) {
    ChatModel unseeded = factory.build(null);
    return new ChatModel() {
      @Override
      public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        Integer seed = seedOf(request);
        return (seed == null ? unseeded : build(factory, seed)).chat(request, options);
      }
    };
  }

  static StreamingChatModel streaming(Factory<StreamingChatModel> factory) {
    StreamingChatModel unseeded = factory.build(null);
    return new StreamingChatModel() {
      @Override
      public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, ChatRequestOptions.EMPTY, handler);
      }

      @Override
      public void chat(
          ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        Integer seed = seedOf(request);
        (seed == null ? unseeded : build(factory, seed)).chat(request, options, handler);
      }
    };
  }

  private static Integer seedOf(ChatRequest request) {
    return request.parameters() instanceof Parameters seeded ? seeded.seed() : null;
  }

  /** Builders of one model share a mutable HTTP client builder, so builds take turns. */
  private static <M> M build(Factory<M> factory, int seed) {
    synchronized (factory) {
      return factory.build(seed);
    }
  }
}
