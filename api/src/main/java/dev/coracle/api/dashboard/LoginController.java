package dev.coracle.api.dashboard;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.api.security.DashboardSession;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's login form, shown when coracle has an API key: the key is asked for once and kept
 * as a session cookie (see {@link DashboardSession}), so pages and their event streams work in a
 * browser, which cannot add an {@code Authorization} header to them.
 */
@Controller("/dashboard")
public class LoginController {
  private final String configuredKey;

  LoginController(LoadedConfig loaded) {
    this.configuredKey = loaded.config().server().apiKey();
  }

  @Get(uri = "/login", produces = "text/html")
  public HttpResponse<String> form() {
    if (!keyRequired()) {
      return HttpResponse.seeOther(URI.create("/"));
    }
    return HtmlResponses.ok(page(""));
  }

  @Post(uri = "/login", produces = "text/html")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> login(@Body Map<String, String> form) {
    if (!keyRequired()) {
      return HttpResponse.seeOther(URI.create("/"));
    }
    Optional<String> token = DashboardSession.tokenFor(form.get("key"), configuredKey);
    if (token.isEmpty()) {
      return HtmlResponses.status(
          HttpStatus.UNAUTHORIZED,
          page("<p class=\"notice\" role=\"alert\">That is not this coracle's API key.</p>"));
    }
    return HtmlResponses.secure(HttpResponse.<String>seeOther(URI.create("/")))
        .cookie(
            Cookie.of(DashboardSession.COOKIE, token.get())
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path("/"));
  }

  /** Forgets the session: the cookie is replaced by an expired one. */
  @Post(uri = "/logout", produces = "text/html")
  public HttpResponse<String> logout() {
    return HtmlResponses.secure(
            HttpResponse.<String>seeOther(URI.create(DashboardSession.LOGIN_PATH)))
        .cookie(
            Cookie.of(DashboardSession.COOKIE, "")
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path("/")
                .maxAge(0));
  }

  private boolean keyRequired() {
    return configuredKey != null && !configuredKey.isBlank();
  }

  private static String page(String message) {
    return Layout.page(
        "Log in",
        Layout.Section.JOBS,
        "<h1>Log in</h1><p>This coracle was started with an API key (<code>server.api-key</code>,"
            + " e.g. <code>CORACLE_API_KEY</code>). Enter it once; the browser keeps a session"
            + " cookie until it closes.</p>"
            + message
            + "<form class=\"login\" method=\"post\" action=\""
            + DashboardSession.LOGIN_PATH
            + "\"><label for=\"key\">API key</label>"
            + "<input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\""
            + " required autofocus><button type=\"submit\">Log in</button></form>");
  }
}
