package dev.coracle.activities.tools.shell;

import dev.coracle.activities.tools.ToolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into a program and its arguments the way a POSIX shell splits words —
 * single quotes, double quotes, backslash escapes — and refuses everything else a shell would do.
 * No shell runs the result, so an unquoted {@code ;}, {@code |} or {@code $(…)} would not do what
 * the model meant; saying so is better than passing it on as a literal argument.
 */
public final class ShellWords {

  private static final String SEPARATE_CALLS =
      " run_shell runs one program with its arguments, without a shell; make separate calls"
          + " (pipelines and redirections are not available), or quote the character if it is"
          + " meant literally.";

  private ShellWords() {}

  /**
   * @throws ToolException on unquoted shell syntax, an unclosed quote, or an empty command
   */
  public static List<String> parse(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new ToolException("The command has an unclosed single quote.");
        }
        word.append(line, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new ToolException("The command ends with a lone backslash.");
        }
        // A backslash before a newline joins lines in a shell; here it is simply whitespace.
        char next = line.charAt(i + 1);
        if (next != '\n') {
          word.append(next);
        }
        i += 2;
      } else {
        refuseUnquoted(line, i);
        word.append(c);
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new ToolException("The command is empty; give a program to run.");
    }
    return words;
  }

  /** Reads a double-quoted string from {@code i}, where expansion is still refused. */
  private static int doubleQuoted(String line, int i, StringBuilder word) {
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
        word.append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '`' || (c == '$' && expands(line, i))) {
        throw refusal(line, i);
      }
      word.append(c);
      i++;
    }
    throw new ToolException("The command has an unclosed double quote.");
  }

  private static void refuseUnquoted(String line, int i) {
    char c = line.charAt(i);
    if (";|&<>`\n\r".indexOf(c) >= 0 || (c == '$' && expands(line, i))) {
      throw refusal(line, i);
    }
  }

  /** {@code $NAME}, {@code ${…}}, {@code $(…)} and the special parameters expand; a lone $ not. */
  private static boolean expands(String line, int i) {
    if (i + 1 >= line.length()) {
      return false;
    }
    char next = line.charAt(i + 1);
    return next == '{'
        || next == '('
        || next == '_'
        || Character.isLetterOrDigit(next)
        || "?!#*@$-".indexOf(next) >= 0;
  }

  private static ToolException refusal(String line, int i) {
    return new ToolException("The command uses " + describe(line, i) + "." + SEPARATE_CALLS);
  }

  private static String describe(String line, int i) {
    char c = line.charAt(i);
    String two = line.substring(i, Math.min(line.length(), i + 2));
    return switch (c) {
      case ';' -> "';' to run several commands";
      case '&' -> two.equals("&&") ? "'&&' to chain commands" : "'&' to run in the background";
      case '|' -> two.equals("||") ? "'||' to chain commands" : "a '|' pipeline";
      case '<', '>' -> "a '" + c + "' redirection";
      case '`' -> "backticks (command substitution)";
      case '\n', '\r' -> "a newline to run several commands";
      default ->
          two.equals("$(")
              ? "'$(' (command substitution)"
              : "'" + variable(line, i) + "' (variable expansion; the environment is not shared)";
    };
  }

  private static String variable(String line, int i) {
    int end = i + 1;
    while (end < line.length()
        && (Character.isLetterOrDigit(line.charAt(end)) || "_{}".indexOf(line.charAt(end)) >= 0)) {
      end++;
    }
    return line.substring(i, Math.max(end, i + 2));
  }
}
