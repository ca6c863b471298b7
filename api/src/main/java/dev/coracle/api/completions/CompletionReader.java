package dev.coracle.api.completions;

import dev.coracle.api.openai.JsonBody;

/** Reads a {@code /v1/completions} body into its record; every refusal names what was wrong. */
final class CompletionReader {

  private CompletionReader() {}

  static CompletionRequest read(String body) {
    return JsonBody.read(body, CompletionRequest.class);
  }
}
