package dev.coracle.api.dashboard;

import static dev.coracle.api.dashboard.Html.esc;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A stacked bar chart drawn as inline SVG on the server: one bar per day, one colour per series.
 * Colours come from the stylesheet ({@code series-N} classes), so the page needs no inline style.
 * The chart is an image with a title; the table beside it carries the same numbers for screen
 * readers.
 */
final class BarChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 220;
  private static final int LEFT = 70;
  private static final int BOTTOM = 30;
  private static final int TOP = 10;
  private static final int SERIES_COLOURS = 8;
  private static final int TICKS = 5;

  private BarChart() {}

  /**
   * @param labels one per bar
   * @param series one name per series
   * @param values {@code values[bar][series]}, all zero or more
   * @param format how an axis value is written
   */
  static String render(
      String title,
      List<String> labels,
      List<String> series,
      double[][] values,
      DoubleFunction<String> format) {
    return render(title, labels, series, values, format, 0);
  }

  /**
   * As {@link #render(String, List, List, double[][], DoubleFunction)}, with the axis running to
   * {@code fixedTop} (e.g. 100 for a percentage) instead of a round number above the tallest bar.
   */
  static String render(
      String title,
      List<String> labels,
      List<String> series,
      double[][] values,
      DoubleFunction<String> format,
      double fixedTop) {
    double max = 0;
    for (double[] bar : values) {
      double sum = 0;
      for (double v : bar) {
        sum += v;
      }
      max = Math.max(max, sum);
    }
    double top = fixedTop > 0 ? fixedTop : roundUp(max);
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - 10;
    double slot = labels.isEmpty() ? plotWidth : (double) plotWidth / labels.size();
    StringBuilder svg =
        new StringBuilder("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ")
            .append(WIDTH)
            .append(' ')
            .append(HEIGHT)
            .append("\" width=\"")
            .append(WIDTH)
            .append("\" height=\"")
            .append(HEIGHT)
            .append("\"><title>")
            .append(esc(title))
            .append("</title>");
    for (int tick = 0; tick <= TICKS; tick++) {
      double value = top * tick / TICKS;
      double y = TOP + plotHeight - plotHeight * tick / (double) TICKS;
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - 10)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\"/>")
          .append("<text class=\"axis\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(fmt(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(esc(format.apply(value)))
          .append("</text>");
    }
    for (int bar = 0; bar < labels.size(); bar++) {
      double x = LEFT + bar * slot + slot * 0.15;
      double width = slot * 0.7;
      double base = TOP + plotHeight;
      for (int s = 0; s < series.size(); s++) {
        double v = values[bar][s];
        if (v <= 0) {
          continue;
        }
        double h = plotHeight * v / top;
        base -= h;
        svg.append("<rect class=\"series-")
            .append(s % SERIES_COLOURS)
            .append("\" x=\"")
            .append(fmt(x))
            .append("\" y=\"")
            .append(fmt(base))
            .append("\" width=\"")
            .append(fmt(width))
            .append("\" height=\"")
            .append(fmt(h))
            .append("\"><title>")
            .append(esc(labels.get(bar) + " " + series.get(s) + ": " + format.apply(v)))
            .append("</title></rect>");
      }
      svg.append("<text class=\"axis\" x=\"")
          .append(fmt(x + width / 2))
          .append("\" y=\"")
          .append(HEIGHT - 10)
          .append("\" text-anchor=\"middle\">")
          .append(esc(labels.get(bar)))
          .append("</text>");
    }
    svg.append("</svg>");
    StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
    for (int s = 0; s < series.size(); s++) {
      legend
          .append("<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect class=\"series-")
          .append(s % SERIES_COLOURS)
          .append("\" width=\"12\" height=\"12\"/></svg> ")
          .append(esc(series.get(s)))
          .append("</li>");
    }
    return "<figure>" + svg + legend.append("</ul>") + "</figure>";
  }

  /** The round number (1, 2 or 5 times a power of ten) at or above {@code max}; 1 for none. */
  static double roundUp(double max) {
    if (max <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(max)));
    double fraction = max / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
