package dev.coracle.activities.tools;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.workspace.Utf8Text;

/**
 * Keeps tool output within the bound a model's context can afford. Longer output is stored as an
 * artifact, and the model gets its start and its end (where a build says what failed) with a note
 * naming the artifact. The artifact has a bound too, so one runaway output cannot fill the store:
 * past it, its middle is cut, with a marker saying how much.
 */
final class OutputLimit {

  private final ArtifactStore artifacts;
  private final int maxBytes;
  private final int maxArtifactBytes;

  OutputLimit(ArtifactStore artifacts, int maxBytes, int maxArtifactBytes) {
    this.artifacts = artifacts;
    this.maxBytes = maxBytes;
    this.maxArtifactBytes = maxArtifactBytes;
  }

  String fit(String jobId, String tool, String text) {
    int size = Utf8Text.bytes(text);
    if (size <= maxBytes) {
      return text;
    }
    boolean whole = size <= maxArtifactBytes;
    String stored = whole ? text : cut(text, size, maxArtifactBytes);
    String id =
        artifacts.put(jobId, Artifact.TOOL_OUTPUT, tool, Artifact.TEXT, Utf8Text.encode(stored));
    String gap = "\n… [middle of the output cut] …\n";
    String note =
        "\n[Output cut to "
            + maxBytes
            + " of "
            + size
            + " bytes; "
            + (whole ? "the full output is artifact " : "its first and last parts are artifact ")
            + id
            + ".]";
    int room = Math.max(0, maxBytes - Utf8Text.bytes(gap) - Utf8Text.bytes(note));
    String head = Utf8Text.headLines(text, room / 2);
    String tail = Utf8Text.tail(text, room - Utf8Text.bytes(head));
    return Utf8Text.head(head + gap + tail + note, maxBytes);
  }

  /** The start and end of {@code text} in {@code max} bytes, with a marker where it was cut. */
  static String cut(String text, int size, int max) {
    String marker = "\n… [" + size + " bytes in all; the middle was not kept] …\n";
    int room = Math.max(0, max - Utf8Text.bytes(marker));
    String head = Utf8Text.head(text, room / 2);
    return head + marker + Utf8Text.tail(text, room - Utf8Text.bytes(head));
  }
}
