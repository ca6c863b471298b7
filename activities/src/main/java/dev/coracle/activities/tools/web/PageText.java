package dev.coracle.activities.tools.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A fetched page's title and readable text: HTML rendered, other text as it came. */
public record PageText(String title, String text) {

  public static PageText of(FetchedPage page) {
    String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
    String charset = charset(type);
    if (type.contains("html") || (type.isEmpty() && looksLikeHtml(page.body()))) {
      // Without a charset in the header jsoup reads the page's BOM or <meta charset>.
      Document document = parse(page.body(), charset, page.uri().toString());
      return new PageText(document.title().strip(), HtmlText.render(document));
    }
    Charset decode = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
    return new PageText("", new String(page.body(), decode));
  }

  /** Renders HTML that is already text, such as a browser's DOM. */
  public static PageText ofHtml(String html, String baseUri) {
    Document document = Jsoup.parse(html, baseUri);
    return new PageText(document.title().strip(), HtmlText.render(document));
  }

  private static Document parse(byte[] body, String charset, String baseUri) {
    try {
      return Jsoup.parse(new ByteArrayInputStream(body), charset, baseUri);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String charset(String contentType) {
    for (String parameter : contentType.split(";")) {
      String p = parameter.strip();
      if (p.startsWith("charset=")) {
        String name = p.substring("charset=".length()).replace("\"", "").strip();
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static boolean looksLikeHtml(byte[] body) {
    String start =
        new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
            .strip()
            .toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }
}
