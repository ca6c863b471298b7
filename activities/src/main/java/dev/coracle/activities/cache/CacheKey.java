package dev.coracle.activities.cache;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where an answer sits in the cache. Everything but the wording of the last user turn must match
 * exactly: the model name the client sent, the earlier turns, the settings that shape the answer,
 * and the exact words of the question ({@link PromptText#exactWords}).
 *
 * @param contextHash SHA-256 of the normalized earlier turns, {@code response_format} and stop
 *     sequences
 * @param promptKey SHA-256 of the last user turn's exact words, or of all of it when {@code exact}
 * @param promptText the last user turn with its spacing collapsed and its case kept: what is stored
 *     and what {@link PromptGuard} reads
 * @param lastTurn the last user turn as the client sent it, from which {@link #embeddingText()} is
 *     made only when a lookup or a store embeds it: the same-text hit, the commonest, needs none
 * @param exact true when the last user turn matches only as a whole and is not embedded
 */
record CacheKey(
    String modelName,
    String contextHash,
    String promptKey,
    String promptText,
    String lastTurn,
    boolean exact) {

  /**
   * Bump when normalization changes, so that old rows stop matching instead of matching wrongly.
   */
  private static final String VERSION = "v3";

  /** A key for a request whose last message is a user turn ({@link Eligibility} checks that). */
  static CacheKey of(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    String raw = messages.get(messages.size() - 1).content();
    String prompt = PromptText.normalize(raw);
    boolean exact = PromptText.matchesOnlyExactly(raw, prompt);
    Digest promptDigest = new Digest().field(VERSION);
    if (exact) {
      promptDigest.field("exact").field(prompt);
    } else {
      promptDigest.field("words");
      PromptText.exactWords(prompt).forEach(promptDigest::field);
    }
    return new CacheKey(
        request.model(),
        contextHash(messages.subList(0, messages.size() - 1), request.params()),
        promptDigest.hex(),
        PromptText.display(raw),
        raw,
        exact);
  }

  /** The last user turn as it is embedded ({@link PromptText#forEmbedding}). */
  String embeddingText() {
    return PromptText.forEmbedding(lastTurn);
  }

  /**
   * Tool call ids are left out: they are random per call, and the same conversation with other ids
   * asks the same thing.
   */
  private static String contextHash(List<ChatMessage> earlier, SamplingParams params) {
    Digest digest = new Digest().field(VERSION);
    for (ChatMessage message : earlier) {
      digest
          .field("message")
          .field(message.role())
          .field(PromptText.normalize(message.content()))
          .field(message.name());
      for (ToolCall call : message.toolCallsOrEmpty()) {
        digest.field("call").field(call.name()).field(PromptText.normalize(call.arguments()));
      }
    }
    SamplingParams shaping = params == null ? SamplingParams.defaults() : params;
    digest.field("format").field(shaping.responseFormat());
    digest.field("stop");
    if (shaping.stop() != null) {
      shaping.stop().forEach(digest::field);
    }
    return digest.hex();
  }

  /** SHA-256 over length-prefixed fields, so that no two field lists give the same input. */
  private static final class Digest {
    private final MessageDigest sha256;

    Digest() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    Digest field(String value) {
      if (value == null) {
        sha256.update((byte) 0);
        return this;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      sha256.update((byte) 1);
      sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      sha256.update(bytes);
      return this;
    }

    String hex() {
      return HexFormat.of().formatHex(sha256.digest());
    }
  }
}
