package dev.coracle.api.security;

import java.util.Optional;

/**
 * The value of an {@code Origin} header: {@code http} or {@code https}, {@code ://} and an {@link
 * Authority}, nothing more. Browsers send exactly this form; {@code null} (sandboxed frames, {@code
 * file://} pages), other schemes and anything with a path do not parse.
 */
record WebOrigin(String scheme, Authority authority) {

  static Optional<WebOrigin> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int separator = text.indexOf("://");
    if (separator < 0) {
      return Optional.empty();
    }
    String scheme = text.substring(0, separator);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    return Authority.parse(text.substring(separator + 3))
        .map(authority -> new WebOrigin(scheme, authority));
  }

  /** The port a URL of this scheme uses when it names none. */
  int defaultPort() {
    return scheme.equals("https") ? 443 : 80;
  }

  int effectivePort() {
    return authority.hasPort() ? authority.port() : defaultPort();
  }

  @Override
  public String toString() {
    return scheme + "://" + authority;
  }
}
