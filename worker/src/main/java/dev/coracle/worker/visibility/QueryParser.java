package dev.coracle.worker.visibility;

import dev.coracle.worker.visibility.QueryTokenizer.Kind;
import dev.coracle.worker.visibility.QueryTokenizer.Token;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for the part of Temporal's list filter the embedded server answers:
 *
 * <pre>
 * query     := [or] [ORDER BY StartTime [ASC | DESC]]
 * or        := and (OR and)*
 * and       := primary (AND primary)*
 * primary   := '(' or ')' | predicate
 * predicate := field op value | field IN '(' value {',' value} ')'
 *            | field STARTS_WITH value | field BETWEEN value AND value
 * </pre>
 *
 * AND binds tighter than OR, as in SQL. Keywords are case-insensitive; field names are not, as on a
 * real cluster, so a query that works here works there.
 */
final class QueryParser {
  private static final Set<String> UNSUPPORTED_KEYWORDS =
      Set.of("NOT", "GROUP", "LIKE", "IS", "LIMIT", "HAVING");

  private final String text;
  private final List<Token> tokens;
  private final Set<SearchField> fields = EnumSet.noneOf(SearchField.class);
  private int at;

  private QueryParser(String text) {
    this.text = text;
    this.tokens = QueryTokenizer.tokenize(text);
  }

  static VisibilityQuery parse(String text) {
    return new QueryParser(text == null ? "" : text).query();
  }

  private VisibilityQuery query() {
    Condition condition =
        peek().kind() == Kind.END || peek().isWord("ORDER") ? new Condition.All() : or();
    boolean ascending = false;
    if (peek().isWord("ORDER")) {
      ascending = orderBy();
    }
    if (peek().kind() != Kind.END) {
      throw unexpected(peek(), "AND, OR, ORDER BY or the end of the query");
    }
    boolean needsDescribe = fields.stream().anyMatch(SearchField::needsDescribe);
    return new VisibilityQuery(text, condition, ascending, needsDescribe);
  }

  private Condition or() {
    Condition left = and();
    while (peek().isWord("OR")) {
      at++;
      left = new Condition.Or(left, and());
    }
    return left;
  }

  private Condition and() {
    Condition left = primary();
    while (peek().isWord("AND")) {
      at++;
      left = new Condition.And(left, primary());
    }
    return left;
  }

  private Condition primary() {
    if (peek().isSymbol("(")) {
      at++;
      Condition inner = or();
      expectSymbol(")");
      return inner;
    }
    return predicate();
  }

  private Condition predicate() {
    SearchField field = field();
    Token operator = next();
    if (operator.isWord("IN")) {
      return in(field);
    }
    if (operator.isWord("STARTS_WITH")) {
      require(field.kind() == SearchField.Kind.KEYWORD, field, "STARTS_WITH");
      return new Condition.StartsWith(field, (String) value(field));
    }
    if (operator.isWord("BETWEEN")) {
      require(field.kind() == SearchField.Kind.DATETIME, field, "BETWEEN");
      Object low = value(field);
      expectWord("AND");
      Object high = value(field);
      return new Condition.And(
          new Condition.Compare(field, Operator.GE, low),
          new Condition.Compare(field, Operator.LE, high));
    }
    Operator comparison =
        operator.kind() == Kind.SYMBOL ? Operator.bySymbol(operator.text()).orElse(null) : null;
    if (comparison == null) {
      throw unexpected(operator, "an operator (=, !=, <, <=, >, >=, IN, STARTS_WITH, BETWEEN)");
    }
    require(
        comparison.isEquality() || field.kind() == SearchField.Kind.DATETIME,
        field,
        comparison.symbol());
    return new Condition.Compare(field, comparison, value(field));
  }

  private Condition in(SearchField field) {
    expectSymbol("(");
    Set<Object> values = new LinkedHashSet<>();
    values.add(value(field));
    while (peek().isSymbol(",")) {
      at++;
      values.add(value(field));
    }
    expectSymbol(")");
    return new Condition.In(field, values);
  }

  private boolean orderBy() {
    at++;
    expectWord("BY");
    Token name = next();
    if (!(name.kind() == Kind.WORD && name.text().equals(SearchField.START_TIME.attribute()))) {
      throw new InvalidQueryException(
          "ORDER BY "
              + name.text()
              + " is not supported by the embedded Temporal server; it orders by StartTime only");
    }
    if (peek().isWord("ASC") || peek().isWord("DESC")) {
      return next().isWord("ASC");
    }
    return false;
  }

  private SearchField field() {
    Token name = next();
    if (name.kind() != Kind.WORD || isKeyword(name)) {
      throw unexpected(name, "a search attribute name");
    }
    SearchField field =
        SearchField.byAttribute(name.text())
            .orElseThrow(
                () ->
                    new InvalidQueryException(
                        "search attribute '"
                            + name.text()
                            + "' is not supported by the embedded Temporal server; it filters on "
                            + SearchField.supportedNames()));
    fields.add(field);
    return field;
  }

  private Object value(SearchField field) {
    Token token = next();
    if (token.kind() != Kind.VALUE) {
      throw unexpected(token, "a quoted value for " + field.attribute());
    }
    return field.literal(token.text());
  }

  private static void require(boolean allowed, SearchField field, String operator) {
    if (!allowed) {
      String takes =
          field.kind() == SearchField.Kind.DATETIME
              ? "=, !=, <, <=, >, >=, IN and BETWEEN"
              : field.kind() == SearchField.Kind.KEYWORD
                  ? "=, !=, IN and STARTS_WITH"
                  : "=, != and IN";
      throw new InvalidQueryException(
          field.attribute() + " does not take " + operator + "; it takes " + takes);
    }
  }

  private void expectSymbol(String symbol) {
    Token token = next();
    if (!token.isSymbol(symbol)) {
      throw unexpected(token, "'" + symbol + "'");
    }
  }

  private void expectWord(String word) {
    Token token = next();
    if (!token.isWord(word)) {
      throw unexpected(token, word);
    }
  }

  private InvalidQueryException unexpected(Token found, String expected) {
    String word = found.text().toUpperCase(Locale.ROOT);
    if (found.kind() == Kind.WORD && UNSUPPORTED_KEYWORDS.contains(word)) {
      return new InvalidQueryException(
          word
              + (word.equals("GROUP") ? " BY" : "")
              + " is not supported by the embedded Temporal server's list filter (at position "
              + found.position()
              + ")");
    }
    return new InvalidQueryException(
        "syntax error in query: expected " + expected + ", found " + found.describe());
  }

  private static boolean isKeyword(Token token) {
    return UNSUPPORTED_KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))
        || token.isWord("AND")
        || token.isWord("OR")
        || token.isWord("ORDER");
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    Token token = tokens.get(at);
    if (token.kind() != Kind.END) {
      at++;
    }
    return token;
  }
}
