package dev.coracle.api.dashboard;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal payloads as a person reads them: the JSON that coracle's data converter wrote, decoded
 * and cut short, so a timeline row stays one glance long. Payloads in other encodings are named by
 * their encoding and size, not shown.
 */
final class PayloadPreview {
  /** How much of one payload a timeline row shows. */
  static final int MAX_CHARS = 400;

  private PayloadPreview() {}

  /** Every payload of {@code payloads}, each decoded and cut, separated by commas. */
  static String of(Payloads payloads) {
    List<String> parts = new ArrayList<>();
    for (Payload payload : payloads.getPayloadsList()) {
      parts.add(of(payload));
    }
    return String.join(", ", parts);
  }

  static String of(Payload payload) {
    String encoding =
        payload.getMetadataMap().containsKey("encoding")
            ? payload.getMetadataMap().get("encoding").toStringUtf8()
            : "";
    return switch (encoding) {
      case "json/plain" -> Html.cut(payload.getData().toStringUtf8(), MAX_CHARS);
      case "binary/null" -> "null";
      case "binary/plain" -> "(" + payload.getData().size() + " bytes)";
      default ->
          "("
              + payload.getData().size()
              + " bytes, "
              + (encoding.isEmpty() ? "no" : encoding)
              + " encoding)";
    };
  }

  /** A failure's message and type, then its causes' messages, as a line. */
  static String of(Failure failure) {
    StringBuilder line = new StringBuilder();
    Failure current = failure;
    for (int depth = 0; current != null && depth < 4; depth++) {
      if (depth > 0) {
        line.append(" ← caused by: ");
      }
      line.append(current.getMessage());
      if (current.hasApplicationFailureInfo()) {
        line.append(" [").append(current.getApplicationFailureInfo().getType()).append(']');
      }
      current = current.hasCause() ? current.getCause() : null;
    }
    return Html.cut(line.toString(), MAX_CHARS);
  }

  /** UTF-8 text of a payload whatever its encoding says, for a value known to be JSON. */
  static String json(Payload payload) {
    return new String(payload.getData().toByteArray(), StandardCharsets.UTF_8);
  }
}
