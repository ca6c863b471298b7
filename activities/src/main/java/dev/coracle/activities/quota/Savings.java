package dev.coracle.activities.quota;

/**
 * What the tokens served for free would have cost at the list price of a comparable paid model, in
 * USD. Only finished calls with reported usage count.
 */
public record Savings(double today, double allTime) {

  public static final Savings NONE = new Savings(0, 0);

  public Savings plus(Savings other) {
    return new Savings(today + other.today, allTime + other.allTime);
  }
}
