package dev.coracle.activities.tools.fs;

import dev.coracle.activities.tools.ToolException;

/**
 * Replaces an exact piece of a file's text. The piece must be unique unless every occurrence is
 * meant, since replacing the wrong one of two look-alike blocks is a silent, costly mistake.
 */
final class SearchReplace {

  /**
   * @param text the new text of the file
   * @param count how many occurrences were replaced
   * @param firstLine the 1-based line where the first replacement starts
   */
  record Result(String text, int count, int firstLine) {}

  private SearchReplace() {}

  static Result apply(String path, String text, String oldText, String newText, boolean all) {
    if (oldText.isEmpty()) {
      throw new ToolException(
          "old_text is empty; give the exact text to replace, or use write_file for a new file.");
    }
    if (oldText.equals(newText)) {
      throw new ToolException("old_text and new_text are the same; nothing would change.");
    }
    // A model writes \n line ends; a file checked out on Windows has \r\n ones.
    if (count(text, oldText) == 0 && text.contains("\r\n") && !oldText.contains("\r\n")) {
      oldText = oldText.replace("\n", "\r\n");
      newText = newText.replace("\n", "\r\n");
    }
    int count = count(text, oldText);
    if (count == 0) {
      throw new ToolException(
          "old_text was not found in "
              + path
              + ". It must match exactly, including whitespace and indentation; read the file"
              + " and copy the lines.");
    }
    if (count > 1 && !all) {
      throw new ToolException(
          "old_text occurs "
              + count
              + " times in "
              + path
              + "; include more surrounding lines to make it unique, or set replace_all to"
              + " replace every occurrence.");
    }
    int first = text.indexOf(oldText);
    int firstLine = (int) text.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
    String replaced = all ? text.replace(oldText, newText) : replaceFirst(text, oldText, newText);
    return new Result(replaced, all ? count : 1, firstLine);
  }

  private static String replaceFirst(String text, String oldText, String newText) {
    int at = text.indexOf(oldText);
    return text.substring(0, at) + newText + text.substring(at + oldText.length());
  }

  /** Occurrences that do not overlap, as {@link String#replace} would replace them. */
  static int count(String text, String piece) {
    int count = 0;
    int from = 0;
    int at;
    while ((at = text.indexOf(piece, from)) >= 0) {
      count++;
      from = at + piece.length();
    }
    return count;
  }
}
