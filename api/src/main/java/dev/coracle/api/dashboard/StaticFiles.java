package dev.coracle.api.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's stylesheet and script, read from the classpath on first use. Only the files named
 * here are served, so no path from a request ever reaches the class loader.
 */
@Controller("/dashboard/static")
public class StaticFiles {
  private static final Map<String, String> FILES =
      Map.of(
          "dashboard.css", "text/css; charset=utf-8",
          "dashboard.js", "text/javascript; charset=utf-8");

  @Get("/{name}")
  public HttpResponse<?> file(@PathVariable String name) {
    String type = FILES.get(name);
    if (type == null) {
      return HtmlResponses.notFound("There is no file " + name + ".");
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
      }
      return HtmlResponses.secure(HttpResponse.ok(in.readAllBytes())).contentType(type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
