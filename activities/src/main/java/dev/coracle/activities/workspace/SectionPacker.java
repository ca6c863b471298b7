package dev.coracle.activities.workspace;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits snapshot sections into a byte bound. Every section gets a fair share: small ones (git
 * status, a short README) are kept whole, and what they leave is split among the big ones (the file
 * tree, long files), each cut at a line break with a note saying so.
 */
final class SectionPacker {

  /** The text, and whether anything was left out, here or already in a section. */
  record Packed(String text, boolean truncated) {}

  private SectionPacker() {}

  static Packed pack(List<Section> sections, int maxBytes) {
    int[] allowed = shares(sections, maxBytes);
    StringBuilder text = new StringBuilder();
    boolean truncated = false;
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      String body = body(section);
      int size = Utf8Text.bytes(body);
      truncated |= !section.complete();
      if (size > allowed[i]) {
        body = cut(body, size, allowed[i]);
        truncated = true;
      }
      text.append(section.header()).append(body).append('\n');
    }
    return new Packed(Utf8Text.head(text.toString(), maxBytes), truncated);
  }

  /** Water-filling: sections in order of size each take at most an equal part of what is left. */
  private static int[] shares(List<Section> sections, int maxBytes) {
    int count = sections.size();
    int[] need = new int[count];
    int remaining = maxBytes;
    for (int i = 0; i < count; i++) {
      Section section = sections.get(i);
      // The header and the blank line after the body are always written.
      remaining -= Utf8Text.bytes(section.header()) + 1;
      need[i] = Utf8Text.bytes(body(section));
    }
    int[] allowed = new int[count];
    List<Integer> bySize =
        IntStream.range(0, count).boxed().sorted(Comparator.comparingInt(i -> need[i])).toList();
    for (int k = 0; k < count; k++) {
      int i = bySize.get(k);
      allowed[i] = Math.max(0, Math.min(need[i], remaining / (count - k)));
      remaining -= allowed[i];
    }
    return allowed;
  }

  /** The body ending with a line break, so the next header starts on a line of its own. */
  private static String body(Section section) {
    String body = section.body();
    return body.isEmpty() || body.endsWith("\n") ? body : body + "\n";
  }

  private static String cut(String body, int size, int allowed) {
    String note = "… (" + size + " bytes, cut to fit)\n";
    int room = allowed - Utf8Text.bytes(note) - 1;
    if (room <= 0) {
      return Utf8Text.head(note, allowed);
    }
    String kept = Utf8Text.headLines(body, room);
    return (kept.isEmpty() || kept.endsWith("\n") ? kept : kept + "\n") + note;
  }
}
