package dev.coracle.activities.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.RequestClass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt with its known class: one line of an exemplar or eval file, {@code {"text": ...,
 * "class": "fast|deep|research|status", "note": optional}}.
 */
public record LabeledPrompt(String text, RequestClass requestClass, String note) {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  public LabeledPrompt(String text, RequestClass requestClass) {
    this(text, requestClass, null);
  }

  public static List<LabeledPrompt> readJsonl(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return readJsonl(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Reads one prompt per non-blank line; {@code source} names the input in error messages. */
  public static List<LabeledPrompt> readJsonl(InputStream in, String source) {
    List<LabeledPrompt> prompts = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          prompts.add(parse(line, source + ":" + number));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return prompts;
  }

  private static LabeledPrompt parse(String line, String where) throws IOException {
    JsonNode node = JSON.readTree(line);
    JsonNode text = node.get("text");
    JsonNode label = node.get("class");
    if (text == null || !text.isTextual() || label == null || !label.isTextual()) {
      throw new IllegalArgumentException(where + ": needs string fields \"text\" and \"class\"");
    }
    RequestClass requestClass;
    try {
      requestClass = RequestClass.fromWireName(label.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": unknown class '" + label.asText() + "'", e);
    }
    JsonNode note = node.get("note");
    return new LabeledPrompt(
        text.asText(), requestClass, note == null || note.isNull() ? null : note.asText());
  }
}
