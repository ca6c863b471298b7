package dev.coracle.api.server;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;

/**
 * Refuses a body in a charset this JVM cannot decode with 415, before any controller reads it: the
 * framework would otherwise fail inside its body reader and answer 500. Charsets it can decode are
 * decoded, and a body that then is not JSON gets the door's usual 400.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestCharsetFilter {

  @RequestFilter
  @Nullable
  public HttpResponse<String> refuseUnknownCharset(HttpRequest<?> request) {
    String charset = charset(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
    if (charset == null || isSupported(charset)) {
      return null;
    }
    return HttpResponse.<String>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(
            ErrorBodies.of(
                request,
                415,
                "The charset '"
                    + charset
                    + "' of the Content-Type is not one coracle reads; use UTF-8"));
  }

  /** The {@code charset} parameter of a Content-Type, or null when it has none. */
  static String charset(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter.length == 2
          && parameter[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
        return parameter[1].strip().replace("\"", "");
      }
    }
    return null;
  }

  private static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }
}
