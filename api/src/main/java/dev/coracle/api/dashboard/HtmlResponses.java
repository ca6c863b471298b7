package dev.coracle.api.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * Dashboard answers with the headers every page needs: no framing by other pages (the buttons act
 * on jobs, so a page must not be able to overlay them), scripts and styles only from coracle
 * itself, no caching and no referrer to other sites.
 */
final class HtmlResponses {
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private HtmlResponses() {}

  static MutableHttpResponse<String> ok(String html) {
    return status(HttpStatus.OK, html);
  }

  static MutableHttpResponse<String> status(HttpStatus status, String html) {
    return secure(HttpResponse.<String>status(status).body(html))
        .contentType("text/html; charset=utf-8");
  }

  static <T> MutableHttpResponse<T> secure(MutableHttpResponse<T> response) {
    return response
        .header("Content-Security-Policy", POLICY)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        // Not no-referrer: under it Chromium sends "Origin: null" with a form's POST, which the
        // front door refuses as a foreign origin; same-origin still tells other sites nothing.
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store");
  }

  /** A page that says what was not found. */
  static MutableHttpResponse<String> notFound(String what) {
    return status(
        HttpStatus.NOT_FOUND,
        Layout.page(
            "Not found", Layout.Section.JOBS, "<h1>Not found</h1><p>" + Html.esc(what) + "</p>"));
  }
}
