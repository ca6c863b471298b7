package dev.coracle.activities.quota;

/**
 * The list price of a comparable paid model, which a free call would otherwise have cost.
 *
 * @param name the key in the catalog's price table, e.g. {@code gemini-2.5-flash}
 * @param inputPerMillion USD per million prompt tokens
 * @param outputPerMillion USD per million completion tokens
 * @param note which paid model and price list the numbers come from
 */
public record Price(String name, double inputPerMillion, double outputPerMillion, String note) {

  /** What {@code promptTokens} in and {@code completionTokens} out cost at this price, in USD. */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000.0;
  }
}
