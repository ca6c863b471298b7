package dev.coracle.worker.visibility;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of the list filter. */
enum Operator {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  static Optional<Operator> bySymbol(String symbol) {
    String normal = "<>".equals(symbol) ? "!=" : symbol;
    return Arrays.stream(values()).filter(o -> o.symbol.equals(normal)).findFirst();
  }

  String symbol() {
    return symbol;
  }

  /** Equality is all a keyword or a status takes; only times have an order worth asking about. */
  boolean isEquality() {
    return this == EQ || this == NE;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  boolean holds(Object actual, Object expected) {
    if (isEquality()) {
      return actual.equals(expected) == (this == EQ);
    }
    int order = ((Comparable) actual).compareTo(expected);
    return switch (this) {
      case LT -> order < 0;
      case LE -> order <= 0;
      case GT -> order > 0;
      case GE -> order >= 0;
      default -> throw new IllegalStateException(symbol);
    };
  }
}
