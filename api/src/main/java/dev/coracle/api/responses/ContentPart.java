package dev.coracle.api.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One part of a message's content: {@code input_text} and {@code output_text} carry {@code text},
 * {@code refusal} carries {@code refusal}. Images, files and audio are recognised only to be
 * refused, as the internal conversation is text.
 *
 * @param annotations on {@code output_text}, always empty here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentPart(String type, String text, String refusal, List<Object> annotations) {

  public static final String INPUT_TEXT = "input_text";
  public static final String OUTPUT_TEXT = "output_text";
  public static final String REFUSAL = "refusal";

  /** An answer's text part, as the output carries it. */
  public static ContentPart outputText(String text) {
    return new ContentPart(OUTPUT_TEXT, text, null, List.of());
  }
}
