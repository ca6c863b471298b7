package dev.coracle.fakes;

import java.util.Locale;

/**
 * How a fake upstream answers, picked by the requested model's name (the idea of TensorZero's dummy
 * provider), so a test chooses a failure just by naming a model. Unknown names echo.
 */
public enum FakeBehaviour {
  /** Answers {@code "echo: <last user message>"}. */
  ECHO("echo"),
  /** Echoes after a delay and streams slowly, one word per chunk. */
  SLOW("slow"),
  /** HTTP 500 with the provider's error body. */
  FAIL_500("fail-500"),
  /**
   * HTTP 429 for a per-minute window: {@code retry-after} and rate-limit headers (OpenAI), or
   * Google's body naming a {@code PerMinute} quota (Gemini).
   */
  RATE_LIMITED("rate-limited"),
  /**
   * HTTP 429 for a per-day window: Cerebras-style {@code x-ratelimit-*-requests-day} headers
   * (OpenAI), or Google's body naming a {@code PerDay} quota (Gemini). Ollama answers as for {@link
   * #RATE_LIMITED}.
   */
  RATE_LIMITED_DAY("rate-limited-day"),
  /** HTTP 401, as for a wrong API key. */
  UNAUTHORIZED("unauthorized"),
  /** HTTP 404, as for a model the upstream does not have. */
  MISSING("missing"),
  /** Streams two chunks, then drops the connection without finishing the response. */
  BROKEN_STREAM("broken-stream"),
  /**
   * Streams three tokens, then goes silent with the connection open, as a stalled upstream does. A
   * plain call never answers.
   */
  STALL_AFTER_3("stall-after-3"),
  /** Sends the response headers of a stream, then nothing: silence before the first token. */
  STALL_AT_START("stall-at-start"),
  /**
   * Streams three tokens, then closes the body cleanly but without the wire's terminator: no {@code
   * data: [DONE]} (OpenAI), no {@code "done": true} line (Ollama), no {@code finishReason}
   * (Gemini). A plain call gets a body cut off halfway.
   */
  EOF_NO_DONE("eof-no-done"),
  /**
   * Streams three tokens, then the wire's error event: {@code data: {"error":{...}}} (OpenAI, vLLM,
   * Gemini) or an {@code {"error":"..."}} line (Ollama), and closes the body.
   */
  ERROR_EVENT("error-event"),
  /**
   * Streams three tokens, then OpenRouter's mid-stream error chunk: an {@code error} object and
   * {@code finish_reason: "error"}, followed by {@code [DONE]}. Other wires answer as for {@link
   * #ERROR_EVENT}.
   */
  FINISH_ERROR("finish-error"),
  /** Streams every token with a steady pause between them (see {@code setSteadyPause}). */
  STEADY_SLOW("steady-slow"),
  /** Plays every role of a coding job by coracle's JSON schemas, see {@link FakeJobModel}. */
  JOB("job");

  /** Tokens the misbehaving streams send before they stall, break off or fail. */
  public static final int TOKENS_BEFORE_TROUBLE = 3;

  private final String modelName;

  FakeBehaviour(String modelName) {
    this.modelName = modelName;
  }

  public String modelName() {
    return modelName;
  }

  /** Whether a stream of this behaviour goes wrong after {@link #TOKENS_BEFORE_TROUBLE} tokens. */
  public boolean breaksMidStream() {
    return this == STALL_AFTER_3
        || this == EOF_NO_DONE
        || this == ERROR_EVENT
        || this == FINISH_ERROR;
  }

  /** Ollama-style tags ({@code slow:7b}) pick the same behaviour as the bare name. */
  public static FakeBehaviour forModel(String model) {
    if (model == null) {
      return ECHO;
    }
    String bare = model.toLowerCase(Locale.ROOT);
    int tag = bare.indexOf(':');
    if (tag >= 0) {
      bare = bare.substring(0, tag);
    }
    for (FakeBehaviour behaviour : values()) {
      if (behaviour.modelName.equals(bare)) {
        return behaviour;
      }
    }
    return ECHO;
  }
}
