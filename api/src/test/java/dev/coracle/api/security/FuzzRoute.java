package dev.coracle.api.security;

import io.micronaut.web.router.Router;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route of the running server, e.g. {@code POST /api/jobs/{id}/cancel}, read from Micronaut's
 * router so that a route added later is fuzzed without changing the fuzzer.
 */
record FuzzRoute(String method, String template) {
  private static final Pattern VARIABLE = Pattern.compile("\\{[+]?(\\w+)[^}]*}");

  static List<FuzzRoute> of(Router router) {
    return router
        .uriRoutes()
        .map(
            route ->
                new FuzzRoute(
                    route.getHttpMethodName(), route.getUriMatchTemplate().toPathString()))
        .distinct()
        .sorted(Comparator.comparing(FuzzRoute::toString))
        .toList();
  }

  /** The door whose error shape this route answers in. */
  Door door() {
    return Door.of(template);
  }

  boolean takesBody() {
    return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
  }

  /** The template with each path variable replaced by what {@code value} gives for its name. */
  String fill(java.util.function.Function<String, String> value) {
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(path, Matcher.quoteReplacement(value.apply(matcher.group(1))));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  @Override
  public String toString() {
    return method + " " + template;
  }

  /** The wire dialects, each with its own error shape. */
  enum Door {
    OPENAI,
    ANTHROPIC,
    MCP,
    /** The dashboard's pages: an HTML page for what they judge, OpenAI's shape for the rest. */
    DASHBOARD;

    static Door of(String path) {
      if (path.equals("/mcp") || path.startsWith("/mcp/") || path.startsWith("/mcp?")) {
        return MCP;
      }
      if (path.equals("/") || path.startsWith("/?") || path.startsWith("/dashboard/")) {
        return DASHBOARD;
      }
      return path.equals("/v1/messages") || path.startsWith("/v1/messages/") ? ANTHROPIC : OPENAI;
    }
  }
}
