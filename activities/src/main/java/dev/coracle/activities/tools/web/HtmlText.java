package dev.coracle.activities.tools.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A web page as text a model can read: headings as {@code #} lines, paragraphs, list items as
 * {@code -} lines, links as {@code text (url)}, code blocks fenced. Scripts, styles and navigation
 * are dropped: they cost tokens and say nothing about the page's content.
 */
public final class HtmlText {

  private static final Set<String> SKIPPED =
      Set.of(
          "script",
          "style",
          "nav",
          "noscript",
          "template",
          "svg",
          "iframe",
          "head",
          "button",
          "select",
          "canvas",
          "object",
          "embed",
          "input",
          "textarea");

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "aside",
          "blockquote",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "dl",
          "dt",
          "dd",
          "figure",
          "figcaption",
          "form",
          "fieldset",
          "address",
          "details",
          "summary",
          "hr",
          "center",
          "caption");

  /** Stands for a {@code <br>} while runs of white space are collapsed. */
  private static final char BREAK = '\u2028';

  private static final Pattern SPACE = Pattern.compile("[ \\t\\n\\r\\f\\u00a0]+");

  private record Block(String text, boolean listItem) {}

  private final List<Block> blocks = new ArrayList<>();
  private final StringBuilder line = new StringBuilder();
  private String prefix = "";
  private boolean inListItem;
  private int listDepth;

  private HtmlText() {}

  /** The page's body as readable text. */
  public static String render(Document document) {
    HtmlText text = new HtmlText();
    text.walk(document.body() == null ? document : document.body());
    text.flush();
    return text.join();
  }

  private void walk(Node node) {
    if (node instanceof TextNode text) {
      line.append(text.getWholeText());
      return;
    }
    if (!(node instanceof Element element)) {
      return;
    }
    String tag = element.normalName();
    if (SKIPPED.contains(tag)) {
      return;
    }
    switch (tag) {
      case "br" -> line.append(BREAK);
      case "h1", "h2", "h3", "h4", "h5", "h6" ->
          block("#".repeat(tag.charAt(1) - '0') + " ", element, false);
      case "li" -> block("  ".repeat(Math.max(0, listDepth - 1)) + "- ", element, true);
      case "ul", "ol" -> {
        flush();
        listDepth++;
        children(element);
        flush();
        listDepth--;
      }
      case "pre" -> {
        flush();
        blocks.add(new Block("```\n" + element.wholeText().stripTrailing() + "\n```", false));
      }
      case "code", "kbd", "samp", "tt" -> {
        line.append('`');
        children(element);
        line.append('`');
      }
      case "a" -> {
        children(element);
        link(element);
      }
      case "td", "th" -> {
        if (element.elementSiblingIndex() > 0) {
          line.append(" | ");
        }
        children(element);
      }
      default -> {
        boolean block = BLOCKS.contains(tag);
        if (block) {
          flush();
        }
        children(element);
        if (block) {
          flush();
        }
      }
    }
  }

  private void children(Element element) {
    for (Node child : element.childNodes()) {
      walk(child);
    }
  }

  /** A heading or list item: its text starts with the prefix, on a block of its own. */
  private void block(String blockPrefix, Element element, boolean listItem) {
    flush();
    String savedPrefix = prefix;
    boolean savedListItem = inListItem;
    prefix = blockPrefix;
    inListItem = listItem;
    children(element);
    flush();
    prefix = savedPrefix;
    inListItem = savedListItem;
  }

  /** Adds the link's target after its text, unless the text already is the URL. */
  private void link(Element element) {
    String href = element.attr("href").strip();
    if (href.isEmpty() || href.startsWith("#")) {
      return;
    }
    String url = element.absUrl("href");
    if ((url.startsWith("http://") || url.startsWith("https://"))
        && !url.equals(element.text().strip())) {
      line.append(" (").append(url).append(')');
    }
  }

  /** Ends the current block; its white space collapsed, its {@code <br>}s kept as line breaks. */
  private void flush() {
    String collapsed = SPACE.matcher(line).replaceAll(" ");
    line.setLength(0);
    StringBuilder text = new StringBuilder();
    for (String part : collapsed.split(String.valueOf(BREAK))) {
      String stripped = part.strip();
      if (!stripped.isEmpty()) {
        text.append(text.length() == 0 ? "" : "\n").append(stripped);
      }
    }
    if (text.length() == 0) {
      return;
    }
    blocks.add(new Block(prefix + text, inListItem));
    // The rest of a list item (after a nested list) lines up under its text, without a new bullet.
    prefix = " ".repeat(prefix.length());
  }

  private String join() {
    StringBuilder out = new StringBuilder();
    Block previous = null;
    for (Block block : blocks) {
      if (previous != null) {
        out.append(previous.listItem() && block.listItem() ? "\n" : "\n\n");
      }
      out.append(block.text());
      previous = block;
    }
    return out.toString();
  }
}
