package dev.coracle.api.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): comment lines ({@code #
 * HELP}, {@code # TYPE}) and samples {@code name{label="value",...} value [timestamp]}. Any line it
 * cannot read fails the test, so the scrape must be what a real Prometheus would accept.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

  /** One series: a metric name and its labels, sorted by name. */
  record Series(String name, Map<String, String> labels) {}

  private final Map<Series, Double> samples = new LinkedHashMap<>();
  private final Map<String, String> types = new LinkedHashMap<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          throw new IllegalArgumentException("line " + (i + 1) + ": empty line inside the text");
        }
        continue;
      }
      try {
        parsed.read(line);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return parsed;
  }

  private void read(String line) {
    if (line.startsWith("# TYPE ")) {
      Matcher type = TYPE.matcher(line);
      if (!type.matches()) {
        throw new IllegalArgumentException("bad TYPE line");
      }
      if (types.put(type.group(1), type.group(2)) != null) {
        throw new IllegalArgumentException("second TYPE for " + type.group(1));
      }
      return;
    }
    if (line.startsWith("#")) {
      return;
    }
    int at = 0;
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      throw new IllegalArgumentException("no metric name");
    }
    at = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = readLabels(line, at + 1, labels);
    }
    if (at >= line.length() || line.charAt(at) != ' ') {
      throw new IllegalArgumentException("no space before the value");
    }
    String[] rest = line.substring(at + 1).split(" ");
    if (rest.length > 2) {
      throw new IllegalArgumentException("more than a value and a timestamp");
    }
    double value = value(rest[0]);
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    Series series = new Series(name.group(), labels);
    if (samples.put(series, value) != null) {
      throw new IllegalArgumentException("the same series twice");
    }
  }

  /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace. */
  private static int readLabels(String line, int at, Map<String, String> labels) {
    while (true) {
      if (line.charAt(at) == '}') {
        return at + 1;
      }
      Matcher label = LABEL.matcher(line).region(at, line.length());
      if (!label.lookingAt()
          || line.charAt(label.end()) != '='
          || line.charAt(label.end() + 1) != '"') {
        throw new IllegalArgumentException("bad label at " + at);
      }
      StringBuilder value = new StringBuilder();
      int i = label.end() + 2;
      for (; line.charAt(i) != '"'; i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          char escaped = line.charAt(++i);
          value.append(
              switch (escaped) {
                case 'n' -> '\n';
                case '\\' -> '\\';
                case '"' -> '"';
                default -> throw new IllegalArgumentException("bad escape \\" + escaped);
              });
        } else {
          value.append(c);
        }
      }
      if (labels.put(label.group(), value.toString()) != null) {
        throw new IllegalArgumentException("label " + label.group() + " twice");
      }
      at = i + 1;
      if (line.charAt(at) == ',') {
        at++;
      }
    }
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  /** The type a {@code # TYPE} line gave the metric family, or null. */
  String type(String family) {
    return types.get(family);
  }

  /** The sum of every series of {@code name} whose labels include all of {@code labels}. */
  double sum(String name, String... labels) {
    double total = 0;
    for (var sample : samples.entrySet()) {
      if (sample.getKey().name().equals(name) && hasAll(sample.getKey().labels(), labels)) {
        total += sample.getValue();
      }
    }
    return total;
  }

  /** Whether any series of {@code name} has all of {@code labels}. */
  boolean has(String name, String... labels) {
    return samples.keySet().stream()
        .anyMatch(series -> series.name().equals(name) && hasAll(series.labels(), labels));
  }

  /** Every series name, for failure messages. */
  java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    samples.keySet().forEach(series -> names.add(series.name()));
    return names;
  }

  private static boolean hasAll(Map<String, String> have, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(have.get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
