package dev.coracle.activities.guard;

/** The text a check matched, made short and readable for a finding. */
final class Excerpt {

  static final int MAX_CHARS = 80;

  private Excerpt() {}

  /**
   * {@code text} from {@code start} to {@code end} on one line: invisible characters dropped,
   * whitespace runs as one space, cut to {@value #MAX_CHARS} characters. Only a bounded prefix is
   * read, so a match that spans a megabyte costs no more than a short one.
   */
  static String of(String text, int start, int end) {
    StringBuilder line = new StringBuilder(MAX_CHARS + 1);
    boolean space = false;
    for (int i = start; i < end && line.length() <= MAX_CHARS; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (HiddenText.isHidden(c)) {
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = line.length() > 0;
        continue;
      }
      if (space) {
        line.append(' ');
        space = false;
      }
      line.appendCodePoint(c);
    }
    return line.length() <= MAX_CHARS ? line.toString() : line.substring(0, MAX_CHARS) + "…";
  }
}
