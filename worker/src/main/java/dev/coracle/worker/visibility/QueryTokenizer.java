package dev.coracle.worker.visibility;

import java.util.ArrayList;
import java.util.List;

/** Splits a list-filter query into words, quoted values and symbols. */
final class QueryTokenizer {
  enum Kind {
    WORD,
    VALUE,
    SYMBOL,
    END
  }

  /**
   * One token; {@code position} is its 1-based column in the query, for error messages.
   *
   * @param text a word as written, a value without its quotes, or a symbol
   */
  record Token(Kind kind, String text, int position) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String describe() {
      return kind == Kind.END ? "the end of the query" : "'" + text + "' at position " + position;
    }
  }

  private final String query;
  private int at;

  private QueryTokenizer(String query) {
    this.query = query;
  }

  static List<Token> tokenize(String query) {
    return new QueryTokenizer(query).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (at < query.length() && Character.isWhitespace(query.charAt(at))) {
        at++;
      }
      if (at >= query.length()) {
        tokens.add(new Token(Kind.END, "", at + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = at;
    char c = query.charAt(at);
    if (c == '\'' || c == '"') {
      return new Token(Kind.VALUE, quoted(c), start + 1);
    }
    if (c == '`') {
      // Temporal lets a field name be written in backquotes; it is still a name.
      return new Token(Kind.WORD, quoted(c), start + 1);
    }
    if (isWordChar(c)) {
      while (at < query.length() && isWordChar(query.charAt(at))) {
        at++;
      }
      return new Token(Kind.WORD, query.substring(start, at), start + 1);
    }
    for (String symbol : new String[] {"!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ","}) {
      if (query.startsWith(symbol, at)) {
        at += symbol.length();
        return new Token(Kind.SYMBOL, symbol, start + 1);
      }
    }
    throw new InvalidQueryException(
        "unexpected character '" + c + "' at position " + (start + 1) + " of the query");
  }

  /** Reads up to the closing quote; a backslash takes the next character as it is. */
  private String quoted(char quote) {
    int start = at;
    StringBuilder text = new StringBuilder();
    at++;
    while (at < query.length()) {
      char c = query.charAt(at++);
      if (c == quote) {
        return text.toString();
      }
      if (c == '\\' && at < query.length()) {
        c = query.charAt(at++);
      }
      text.append(c);
    }
    throw new InvalidQueryException(
        "unterminated " + quote + " quote starting at position " + (start + 1) + " of the query");
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }
}
