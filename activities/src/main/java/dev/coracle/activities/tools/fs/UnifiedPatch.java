package dev.coracle.activities.tools.fs;

import dev.coracle.activities.tools.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff of one file, as {@code diff -u} or {@code git diff} writes it. Models often get
 * the line numbers in hunk headers wrong, so a hunk whose lines are not where its header says is
 * looked for nearby, as {@code patch} does; its context and removed lines must still match exactly
 * (trailing whitespace aside), or the hunk is refused with what was expected where.
 */
final class UnifiedPatch {

  private static final Pattern HEADER =
      Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+\\d+(?:,\\d+)? @@.*");

  /**
   * @param oldStart 1-based line of the hunk in the old file; 0 for "at the start", -1 when the
   *     header has no numbers
   */
  record Hunk(
      String header, int oldStart, List<String> oldLines, List<String> newLines, int[] changes) {

    int added() {
      return changes[0];
    }

    int removed() {
      return changes[1];
    }
  }

  /** The patched lines, and how many were added and removed. */
  record Result(List<String> lines, int hunks, int added, int removed) {}

  private final List<Hunk> hunks;

  private UnifiedPatch(List<Hunk> hunks) {
    this.hunks = hunks;
  }

  static UnifiedPatch parse(String patch) {
    List<String> lines = new ArrayList<>(patch.replace("\r\n", "\n").lines().toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    List<Hunk> hunks = new ArrayList<>();
    int files = 0;
    Hunk current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean fileHeader =
          line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ");
      if (fileHeader) {
        if (++files > 1) {
          throw new ToolException(
              "The patch changes more than one file; edit_file takes one file per call.");
        }
        current = null;
        i++;
      } else if (line.startsWith("@@")) {
        Matcher header = HEADER.matcher(line);
        int start = header.matches() ? Integer.parseInt(header.group(1)) : -1;
        current = new Hunk(line, start, new ArrayList<>(), new ArrayList<>(), new int[2]);
        hunks.add(current);
      } else if (current != null) {
        addLine(current, line);
      }
    }
    if (hunks.isEmpty()) {
      throw new ToolException(
          "The patch has no hunks; it needs lines such as @@ -3,4 +3,5 @@ followed by context"
              + " lines (starting with a space), removed lines (-) and added lines (+).");
    }
    return new UnifiedPatch(hunks);
  }

  private static void addLine(Hunk hunk, String line) {
    if (line.isEmpty()) {
      // An empty context line whose leading space was lost on the way.
      hunk.oldLines().add("");
      hunk.newLines().add("");
      return;
    }
    char kind = line.charAt(0);
    String text = line.substring(1);
    switch (kind) {
      case ' ' -> {
        hunk.oldLines().add(text);
        hunk.newLines().add(text);
      }
      case '-' -> {
        hunk.oldLines().add(text);
        hunk.changes()[1]++;
      }
      case '+' -> {
        hunk.newLines().add(text);
        hunk.changes()[0]++;
      }
      case '\\' -> {
        // "\ No newline at end of file": the file keeps its own last line ending.
      }
      default ->
          throw new ToolException(
              "In "
                  + hunk.header()
                  + " the line \""
                  + line
                  + "\" starts with neither a space, - nor +.");
    }
  }

  Result apply(String path, List<String> original) {
    List<String> lines = new ArrayList<>(original);
    int shift = 0;
    int floor = 0;
    int added = 0;
    int removed = 0;
    for (int h = 0; h < hunks.size(); h++) {
      Hunk hunk = hunks.get(h);
      int expected = hunk.oldStart() <= 0 ? floor : Math.max(floor, hunk.oldStart() - 1 + shift);
      int at = locate(lines, hunk.oldLines(), Math.min(expected, lines.size()), floor);
      if (at < 0) {
        throw new ToolException(mismatch(path, h, hunk, lines, Math.min(expected, lines.size())));
      }
      lines.subList(at, at + hunk.oldLines().size()).clear();
      lines.addAll(at, hunk.newLines());
      int delta = hunk.newLines().size() - hunk.oldLines().size();
      shift = hunk.oldStart() <= 0 ? shift + delta : at - (hunk.oldStart() - 1) + delta;
      floor = at + hunk.newLines().size();
      added += hunk.added();
      removed += hunk.removed();
    }
    return new Result(lines, hunks.size(), added, removed);
  }

  /** Where the old lines are: at the expected line, else the nearest match after {@code floor}. */
  private static int locate(List<String> lines, List<String> old, int expected, int floor) {
    for (boolean lenient : new boolean[] {false, true}) {
      for (int distance = 0; distance <= lines.size(); distance++) {
        for (int at : new int[] {expected - distance, expected + distance}) {
          if (at >= floor
              && at + old.size() <= lines.size()
              && matchesAt(lines, old, at, lenient)) {
            return at;
          }
        }
      }
    }
    return -1;
  }

  private static boolean matchesAt(List<String> lines, List<String> old, int at, boolean lenient) {
    for (int i = 0; i < old.size(); i++) {
      String have = lines.get(at + i);
      String want = old.get(i);
      if (lenient ? !have.stripTrailing().equals(want.stripTrailing()) : !have.equals(want)) {
        return false;
      }
    }
    return true;
  }

  private static String mismatch(
      String path, int index, Hunk hunk, List<String> lines, int expected) {
    String where = "";
    for (int i = 0; i < hunk.oldLines().size(); i++) {
      int line = expected + i;
      String have = line < lines.size() ? "\"" + lines.get(line) + "\"" : "the end of the file";
      if (line >= lines.size() || !lines.get(line).equals(hunk.oldLines().get(i))) {
        where =
            " At line "
                + (line + 1)
                + " the hunk expects \""
                + hunk.oldLines().get(i)
                + "\" but the file has "
                + have
                + ".";
        break;
      }
    }
    return "Hunk "
        + (index + 1)
        + " ("
        + hunk.header()
        + ") does not apply to "
        + path
        + ": its context and removed lines are not in the file."
        + where
        + " Read the file again and make the patch from its current text, or use old_text and"
        + " new_text.";
  }
}
