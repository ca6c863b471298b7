package dev.coracle.api.security;

import dev.coracle.api.CoracleUnderTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route the running coracle serves, read from Micronaut's router, so a route added later is
 * covered by the door's tests without anyone remembering to list it; plus paths that match no
 * route, which the door guards as well.
 */
final class Routes {
  private Routes() {}

  /** A request line: method and a concrete path. */
  record Route(String method, String path) {
    boolean isMcp() {
      return path.equals("/mcp") || path.startsWith("/mcp/");
    }

    /** Anthropic's Messages door, whose errors are {@code {"type":"error","error":{...}}}. */
    boolean isAnthropic() {
      return path.equals("/v1/messages") || path.startsWith("/v1/messages/");
    }

    boolean takesBody() {
      return !method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * @param values what to put in path variables by name (e.g. {@code id} → an existing job); any
   *     other variable becomes {@code x}
   */
  static List<Route> all(CoracleUnderTest coracle, Map<String, String> values) {
    List<Route> routes = new ArrayList<>();
    coracle
        .bean(Router.class)
        .uriRoutes()
        .forEach(route -> routes.add(new Route(route.getHttpMethodName(), path(route, values))));
    routes.add(new Route("GET", "/no/such/route"));
    routes.add(new Route("POST", "/no/such/route"));
    return routes;
  }

  private static String path(UriRouteInfo<?, ?> route, Map<String, String> values) {
    Map<String, Object> variables = new HashMap<>();
    for (String name : route.getUriMatchTemplate().getVariableNames()) {
      variables.put(name, values.getOrDefault(name, "x"));
    }
    return route.getUriMatchTemplate().expand(variables);
  }
}
