package dev.coracle.api.dashboard;

import dev.coracle.activities.quota.Price;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Savings: tokens per provider and day, what they would have cost at each model's list price, and
 * the semantic cache's hit rate per day. Each chart has a table with the same numbers under it.
 */
final class SavingsPage {
  /** How many days the charts cover, today included. */
  static final int DAYS = 14;

  private SavingsPage() {}

  /**
   * @param prices list prices by {@code provider/model}; a model without one costs nothing here
   */
  static String render(
      long today,
      List<DashboardQueries.DayTokens> tokens,
      Map<String, Price> prices,
      List<DashboardQueries.CacheDay> cache) {
    // Tool calls and guardrail notes are audited with no tokens; they are not providers to chart.
    tokens = tokens.stream().filter(t -> t.promptTokens() + t.completionTokens() > 0).toList();
    List<String> labels = new ArrayList<>();
    for (long day = today - DAYS + 1; day <= today; day++) {
      labels.add(LocalDate.ofEpochDay(day).toString().substring(5));
    }
    List<String> providers =
        new ArrayList<>(new TreeSet<>(tokens.stream().map(t -> t.provider()).toList()));
    double[][] tokenBars = new double[DAYS][providers.size()];
    double[][] costBars = new double[DAYS][providers.size()];
    double totalCost = 0;
    long totalTokens = 0;
    for (DashboardQueries.DayTokens t : tokens) {
      int bar = (int) (t.day() - (today - DAYS + 1));
      if (bar < 0 || bar >= DAYS) {
        continue;
      }
      int s = providers.indexOf(t.provider());
      long sum = t.promptTokens() + t.completionTokens();
      Price price = prices.get(t.provider() + "/" + t.model());
      double cost = price == null ? 0 : price.cost(t.promptTokens(), t.completionTokens());
      tokenBars[bar][s] += sum;
      costBars[bar][s] += cost;
      totalTokens += sum;
      totalCost += cost;
    }
    StringBuilder body = new StringBuilder("<h1>Savings</h1>");
    body.append("<p>Last ")
        .append(DAYS)
        .append(" days (UTC): ")
        .append(Html.count(totalTokens))
        .append(" tokens, worth ")
        .append(usd(totalCost))
        .append(" at list prices (an estimate; see docs/providers.md).</p>");
    body.append(
            "<section aria-labelledby=\"tokens-h\"><h2 id=\"tokens-h\">Tokens by provider"
                + " per day</h2>")
        .append(
            BarChart.render(
                "Tokens by provider per day",
                labels,
                providers,
                tokenBars,
                v -> Html.count(Math.round(v))))
        .append(table(labels, providers, tokenBars, v -> Html.count(Math.round(v))))
        .append("</section>");
    body.append(
            "<section aria-labelledby=\"cost-h\"><h2 id=\"cost-h\">List-price cost per day"
                + "</h2>")
        .append(
            BarChart.render(
                "List-price cost per day, USD", labels, providers, costBars, SavingsPage::usd))
        .append(table(labels, providers, costBars, SavingsPage::usd))
        .append("</section>");
    body.append(cache(today, labels, cache));
    return Layout.page("Savings", Layout.Section.SAVINGS, body.toString());
  }

  private static String cache(
      long today, List<String> labels, List<DashboardQueries.CacheDay> days) {
    Map<Long, DashboardQueries.CacheDay> byDay = new LinkedHashMap<>();
    days.forEach(d -> byDay.put(d.day(), d));
    double[][] rate = new double[DAYS][1];
    StringBuilder rows = new StringBuilder();
    for (int bar = 0; bar < DAYS; bar++) {
      DashboardQueries.CacheDay d = byDay.get(today - DAYS + 1 + bar);
      long hits = d == null ? 0 : d.hits();
      long lookups = d == null ? 0 : d.hits() + d.misses();
      rate[bar][0] = lookups == 0 ? 0 : 100.0 * hits / lookups;
      rows.append("<tr><th scope=\"row\">")
          .append(labels.get(bar))
          .append("</th><td>")
          .append(Html.count(hits))
          .append("</td><td>")
          .append(Html.count(lookups - hits))
          .append("</td><td>")
          .append(lookups == 0 ? "—" : percent(rate[bar][0]))
          .append("</td></tr>");
    }
    return "<section aria-labelledby=\"cache-h\"><h2 id=\"cache-h\">Cache hit rate per day</h2>"
        + BarChart.render(
            "Semantic cache hit rate per day",
            labels,
            List.of("hit rate"),
            rate,
            SavingsPage::percent,
            100)
        + "<details><summary>The numbers</summary><table><thead><tr><th scope=\"col\">Day</th>"
        + "<th scope=\"col\">Hits</th><th scope=\"col\">Misses</th>"
        + "<th scope=\"col\">Hit rate</th></tr></thead><tbody>"
        + rows
        + "</tbody></table></details></section>";
  }

  private static String table(
      List<String> labels,
      List<String> series,
      double[][] values,
      java.util.function.DoubleFunction<String> format) {
    StringBuilder html =
        new StringBuilder(
            "<details><summary>The numbers</summary><table><thead><tr><th scope=\"col\">Day</th>");
    for (String s : series) {
      html.append("<th scope=\"col\">").append(Html.esc(s)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int bar = 0; bar < labels.size(); bar++) {
      html.append("<tr><th scope=\"row\">").append(labels.get(bar)).append("</th>");
      for (int s = 0; s < series.size(); s++) {
        html.append("<td>").append(format.apply(values[bar][s])).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</tbody></table></details>").toString();
  }

  /**
   * Dollars to the cent, or to two significant digits for the fractions of a cent free tiers save.
   */
  static String usd(double amount) {
    if (amount == 0 || amount >= 0.01) {
      return String.format(Locale.ROOT, "$%.2f", amount);
    }
    return "$" + new BigDecimal(amount).round(new MathContext(2)).toPlainString();
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.0f%%", value);
  }
}
