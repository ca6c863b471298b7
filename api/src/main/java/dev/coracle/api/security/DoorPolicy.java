package dev.coracle.api.security;

import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules every request passes before any route sees it, in this order: the {@code Host} names an
 * allowed host; an {@code Origin}, when present, is that same host and port; a browser does not
 * label it as a request from another site; then, when a key is configured, the request carries it.
 * Host and origin come first so that a page in the user's browser is told 403 (you may not talk to
 * this server), never 401 (try a key).
 */
final class DoorPolicy {
  static final String HEALTH_PATH = "/health";

  private final HostRules hosts;
  private final ApiKey key;
  private final DashboardSession session;

  /**
   * The last {@code Host} header value that was allowed, with its parsed authority. Parsing and
   * judging a value always gives the same answer, and a client sends the same value on every
   * request, so the strict parse runs once per distinct allowed value in a row; any other value is
   * parsed and judged in full.
   */
  private volatile AllowedHost lastAllowedHost;

  private record AllowedHost(String header, Authority authority) {}

  DoorPolicy(HostRules hosts, ApiKey key) {
    this(hosts, key, DashboardSession.of(null));
  }

  DoorPolicy(HostRules hosts, ApiKey key, DashboardSession session) {
    this.hosts = hosts;
    this.key = key;
    this.session = session;
  }

  static DoorPolicy from(ServerConfig server) {
    return new DoorPolicy(
        HostRules.from(server), ApiKey.of(server.apiKey()), DashboardSession.of(server.apiKey()));
  }

  /**
   * @param method the request method, e.g. {@code POST}
   * @param path the request path, e.g. {@code /api/jobs}
   * @param targetAuthority the authority of an absolute-form request target, or null (the usual
   *     {@code /path} form has none)
   * @param headers every value of a header, by case-insensitive name
   */
  Optional<Refusal> judge(
      String method, String path, String targetAuthority, Function<String, List<String>> headers) {
    List<String> hostHeaders = headers.apply("Host");
    if (hostHeaders.size() != 1) {
      return Optional.of(
          Refusal.forbidden(
              "host_not_allowed",
              "The request must carry exactly one Host header; it carried " + hostHeaders.size()));
    }
    Optional<Authority> host = allowedHost(hostHeaders.get(0));
    if (host.isEmpty()) {
      return Optional.of(hostNotAllowed(hostHeaders.get(0)));
    }
    if (targetAuthority != null
        && Authority.parse(targetAuthority).filter(hosts::allows).isEmpty()) {
      return Optional.of(hostNotAllowed(targetAuthority));
    }
    Optional<Refusal> origin = checkOrigin(headers.apply("Origin"), host.get());
    if (origin.isPresent()) {
      return origin;
    }
    Optional<Refusal> fetchSite = checkFetchSite(method, headers);
    if (fetchSite.isPresent()) {
      return fetchSite;
    }
    return checkKey(method, path, headers);
  }

  private Optional<Authority> allowedHost(String header) {
    AllowedHost last = lastAllowedHost;
    if (last != null && last.header().equals(header)) {
      return Optional.of(last.authority());
    }
    Optional<Authority> host = Authority.parse(header).filter(hosts::allows);
    host.ifPresent(allowed -> lastAllowedHost = new AllowedHost(header, allowed));
    return host;
  }

  private static Refusal hostNotAllowed(String host) {
    return Refusal.forbidden(
        "host_not_allowed",
        "Host '"
            + host
            + "' is not allowed: coracle answers only to "
            + String.join(", ", HostRules.LOOPBACK_NAMES)
            + " and the names in server.allowed-hosts (this stops DNS-rebinding pages)");
  }

  /**
   * A browser names the page that made a request in {@code Origin}. coracle serves no pages to
   * other sites, so the only origin it accepts is its own: the host and port the request was sent
   * to, which the host check has already allowed.
   */
  private static Optional<Refusal> checkOrigin(List<String> origins, Authority host) {
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    Optional<WebOrigin> origin =
        origins.size() == 1 ? WebOrigin.parse(origins.get(0)) : Optional.empty();
    if (origin.isPresent() && sameOrigin(origin.get(), host)) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.forbidden(
            "origin_not_allowed",
            "Requests from web pages of another origin ("
                + String.join(", ", origins)
                + ") are refused: coracle's API is for local programs, not for sites in a"
                + " browser"));
  }

  /**
   * The scheme is not compared: behind a TLS proxy the page is {@code https} while coracle speaks
   * plain HTTP, and it cannot tell. Host and port name the server, which is what matters here.
   */
  private static boolean sameOrigin(WebOrigin origin, Authority host) {
    int hostPort = host.hasPort() ? host.port() : origin.defaultPort();
    return origin.authority().host().equals(host.host()) && origin.effectivePort() == hostPort;
  }

  /**
   * Browsers leave {@code Origin} off the GETs a page makes without CORS ({@code <img>}, {@code
   * <script>}, {@code fetch} in {@code no-cors} mode), but they do say {@code Sec-Fetch-Site}. The
   * page cannot read those answers; refusing them still keeps another site from making coracle do
   * any work, such as holding an event stream open. A link the user follows to coracle (a top-level
   * navigation) stays allowed: its answer is shown to the user, not to the page.
   */
  private static Optional<Refusal> checkFetchSite(
      String method, Function<String, List<String>> headers) {
    List<String> sites = headers.apply("Sec-Fetch-Site");
    boolean fromAnotherSite =
        sites.stream().anyMatch(site -> site.equals("cross-site") || site.equals("same-site"));
    boolean userNavigation =
        headers.apply("Sec-Fetch-Mode").contains("navigate")
            && ("GET".equals(method) || "HEAD".equals(method));
    if (!fromAnotherSite || userNavigation) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.forbidden(
            "cross_site_request",
            "Requests that web pages of another site make are refused: coracle's API is for"
                + " local programs, not for sites in a browser"));
  }

  private Optional<Refusal> checkKey(
      String method, String path, Function<String, List<String>> headers) {
    if (!key.required() || isHealthCheck(method, path) || DashboardSession.isOpen(path)) {
      return Optional.empty();
    }
    if (session.admits(method, path, headers)) {
      return Optional.empty();
    }
    return switch (key.check(headers.apply("Authorization"), headers.apply("x-api-key"))) {
      case ACCEPTED -> Optional.empty();
      case MISSING ->
          Optional.of(
              Refusal.unauthorized(
                  "missing_api_key",
                  "This coracle needs an API key: send Authorization: Bearer <key> or"
                      + " x-api-key: <key> (the value of server.api-key, e.g. CORACLE_API_KEY)"));
      case WRONG ->
          Optional.of(
              Refusal.unauthorized(
                  "invalid_api_key",
                  "The API key is not the one this coracle was started with (server.api-key)"));
    };
  }

  private static boolean isHealthCheck(String method, String path) {
    return HEALTH_PATH.equals(path) && ("GET".equals(method) || "HEAD".equals(method));
  }
}
