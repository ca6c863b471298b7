package dev.coracle.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's session cookie. A browser cannot add {@code Authorization} to a page load or an
 * {@code EventSource}, so after the user types the API key once into the login form, the dashboard
 * keeps a token derived from it in an HttpOnly, SameSite=Strict cookie. The token is an HMAC of a
 * fixed label under the key: it proves the key was known without carrying it, and a new key makes
 * every old cookie worthless.
 *
 * <p>The cookie is accepted only on the dashboard's own pages and on the few JSON routes those
 * pages call; on every other route (the {@code /v1} doors, {@code /mcp}, the rest of {@code /api})
 * it counts for nothing. A state-changing request must also carry an {@code Origin} header, which
 * the front door has already checked names coracle itself: browsers send it on every POST, so a
 * request without one did not come from a dashboard page.
 */
public final class DashboardSession {
  /** The cookie's name. */
  public static final String COOKIE = "coracle_session";

  /** Where the login form lives; reachable without a key, like the files it needs. */
  public static final String LOGIN_PATH = "/dashboard/login";

  static final String STATIC_PREFIX = "/dashboard/static/";

  private static final String LABEL = "coracle dashboard session v1";

  /** The JSON routes the dashboard's pages call, which also take the cookie. */
  private static final List<Pattern> CALLED_ROUTES =
      List.of(
          Pattern.compile("GET /api/jobs/[^/]+/events"),
          Pattern.compile("POST /api/jobs/[^/]+/(approve|reject|pause|resume|cancel)"),
          Pattern.compile("POST /api/providers/[^/]+/enable"));

  private final byte[] token;

  private DashboardSession(byte[] token) {
    this.token = token;
  }

  /** The session for {@code configuredKey}; without a key, nothing needs a session. */
  static DashboardSession of(String configuredKey) {
    return new DashboardSession(
        configuredKey == null || configuredKey.isBlank() ? null : derive(configuredKey));
  }

  /**
   * The cookie value a browser gets after it showed {@code key}, when that is the configured key.
   */
  public static Optional<String> tokenFor(String presented, String configuredKey) {
    if (configuredKey == null
        || configuredKey.isBlank()
        || presented == null
        || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = derive(configuredKey);
    if (!MessageDigest.isEqual(expected, derive(presented))) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(expected));
  }

  /** A dashboard page: the jobs list at {@code /} and everything under {@code /dashboard/}. */
  static boolean isDashboard(String path) {
    return "/".equals(path) || path.startsWith("/dashboard/");
  }

  /** What may be fetched before login: the login form itself and the page's style and script. */
  static boolean isOpen(String path) {
    return LOGIN_PATH.equals(path) || path.startsWith(STATIC_PREFIX);
  }

  /**
   * Whether the request's session cookie stands in for the API key here.
   *
   * @param headers every value of a header, by case-insensitive name
   */
  boolean admits(String method, String path, Function<String, List<String>> headers) {
    if (token == null || !(isDashboard(path) || isCalledRoute(method, path))) {
      return false;
    }
    boolean reads = "GET".equals(method) || "HEAD".equals(method);
    if (!reads && headers.apply("Origin").isEmpty()) {
      return false;
    }
    String expected = HexFormat.of().formatHex(token);
    for (String header : headers.apply("Cookie")) {
      for (String pair : header.split(";")) {
        String trimmed = pair.strip();
        if (trimmed.startsWith(COOKIE + "=")
            && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                trimmed.substring(COOKIE.length() + 1).getBytes(StandardCharsets.US_ASCII))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isCalledRoute(String method, String path) {
    String line = method + " " + path;
    return CALLED_ROUTES.stream().anyMatch(route -> route.matcher(line).matches());
  }

  private static byte[] derive(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
