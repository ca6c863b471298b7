package dev.coracle.activities.tools;

import dev.coracle.activities.store.Artifact;
import dev.coracle.activities.store.ArtifactStore;
import dev.coracle.activities.workspace.Utf8Text;

/**
 * Keeps tool output within the bound a model's context can afford. Longer output is stored whole as
 * an artifact, and the model gets its start and its end (where a build says what failed) with a
 * note naming the artifact.
 */
final class OutputLimit {

  private final ArtifactStore artifacts;
  private final int maxBytes;

  OutputLimit(ArtifactStore artifacts, int maxBytes) {
    this.artifacts = artifacts;
    this.maxBytes = maxBytes;
  }

  String fit(String jobId, String tool, String text) {
    int size = Utf8Text.bytes(text);
    if (size <= maxBytes) {
      return text;
    }
    String id =
        artifacts.put(jobId, Artifact.TOOL_OUTPUT, tool, Artifact.TEXT, Utf8Text.encode(text));
    String gap = "\n… [middle of the output cut] …\n";
    String note =
        "\n[Output cut to "
            + maxBytes
            + " of "
            + size
            + " bytes; the full output is artifact "
            + id
            + ".]";
    int room = Math.max(0, maxBytes - Utf8Text.bytes(gap) - Utf8Text.bytes(note));
    String head = Utf8Text.headLines(text, room / 2);
    String tail = Utf8Text.tail(text, room - Utf8Text.bytes(head));
    return Utf8Text.head(head + gap + tail + note, maxBytes);
  }
}
