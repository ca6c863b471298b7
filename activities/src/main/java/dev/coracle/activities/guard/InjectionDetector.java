package dev.coracle.activities.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags text in tool output (web pages, files, command output) that addresses the model instead of
 * informing it: orders to drop its instructions, chat-template role markers, requests to send
 * secrets away or run a downloaded script, and hidden text. The phrases are specific on purpose: a
 * normal README or source file should raise nothing, so that a flag means something.
 */
public final class InjectionDetector {

  private static final int EXCERPT_CHARS = 80;
  private static final int ZERO_WIDTH_IN_BULK = 10;

  private record Phrase(String name, Pattern pattern) {
    Phrase(String name, String regex) {
      this(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
  }

  private static final List<Phrase> PHRASES =
      List.of(
          new Phrase(
              "ignore-previous-instructions",
              "\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?"
                  + "(?:the\\s+|your\\s+|my\\s+)?(?:previous|prior|above|earlier|preceding"
                  + "|original|system)\\s+(?:instructions|prompts?|directions|directives|rules)"),
          new Phrase(
              "disregard-the-above",
              "\\b(?:disregard|ignore)\\s+(?:everything\\s+|all\\s+)?"
                  + "(?:the\\s+|that\\s+)?above\\b"),
          new Phrase(
              "you-are-now",
              "\\byou\\s+are\\s+now\\s+(?:an?\\s+|the\\s+|in\\s+)?(?:[\\w-]+\\s+){0,3}?"
                  + "(?:assistant|ai|model|chatbot|bot|agent|dan|jailbroken|unrestricted"
                  + "|unfiltered|developer\\s+mode|god\\s+mode)\\b"),
          new Phrase(
              "new-instructions",
              "\\b(?:new|updated|real|actual|additional)\\s+instructions\\s*:"
                  + "|\\b(?:new|override|ignore|replace|forget)\\s+(?:the\\s+|your\\s+)?"
                  + "system\\s+prompt\\b|\\bsystem\\s+prompt\\s*:"),
          new Phrase(
              "role-marker",
              "<\\|im_start\\|>|<\\|im_end\\|>|<\\|(?:system|user|assistant)\\|>"
                  + "|<\\|start_header_id\\|>|\\[/?INST\\]|<</?SYS>>"),
          new Phrase(
              "fake-system-heading",
              "(?m)^[ \\t]*#{2,}[ \\t]*(?:system|instructions?)[ \\t]*(?:message|prompt)?"
                  + "[ \\t]*:?[ \\t]*$"),
          new Phrase(
              "reveal-prompt",
              "\\b(?:reveal|print|output|repeat|leak|dump|tell\\s+me|share)\\s+(?:me\\s+)?"
                  + "(?:your\\s+(?:full\\s+|entire\\s+|original\\s+|hidden\\s+|initial\\s+)?"
                  + "(?:system\\s+)?(?:prompt|instructions)|the\\s+system\\s+prompt)\\b"),
          new Phrase(
              "reveal-secrets",
              "\\b(?:print|reveal|output|dump|leak|echo|exfiltrate)\\s+(?:me\\s+)?(?:all\\s+)?"
                  + "(?:of\\s+)?(?:the\\s+|your\\s+)?(?:environment(?:\\s+variables)?\\b"
                  + "|env\\s+vars\\b|api[\\s_-]?keys?\\b|secrets\\b|credentials\\b|\\.env\\b"
                  + "|ssh\\s+keys?\\b|private\\s+keys?\\b)"),
          new Phrase(
              "send-data-away",
              "\\b(?:send|post|upload|forward|exfiltrate|transmit|leak)\\s+(?:[\\w.-]+\\s+){0,4}?"
                  + "(?:secrets?|keys?|api\\s+keys?|tokens?|credentials|passwords?|\\.env"
                  + "|environment(?:\\s+variables)?|conversation|chat\\s+history|system\\s+prompt)"
                  + "\\b[^\\n]{0,60}?\\bto\\s+(?:https?://|[\\w.-]+@)"),
          new Phrase(
              "pipe-to-shell",
              "\\b(?:curl|wget)\\b[^\\n|]{0,200}\\|\\s*(?:sudo\\s+)?(?:ba|z|da)?sh\\b"),
          new Phrase(
              "encoded-payload",
              "(?s)[A-Za-z0-9+/]{200,}={0,2}.{0,120}?\\b(?:decode|decoded|base64\\s+-d|atob)\\b"
                  + "|\\bdecode\\b.{0,120}?[A-Za-z0-9+/]{200,}"));

  /** Invisible characters that hide text from a human reading the page but not from a model. */
  private static final Pattern HIDDEN =
      Pattern.compile(
          "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF\\x{E0000}-\\x{E007F}]");

  /** What in {@code text} looks like instructions to the model; empty when nothing does. */
  public List<InjectionFinding> scan(String text) {
    List<InjectionFinding> findings = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return findings;
    }
    for (Phrase phrase : PHRASES) {
      Matcher matcher = phrase.pattern().matcher(text);
      if (matcher.find()) {
        findings.add(new InjectionFinding(phrase.name(), excerpt(matcher.group())));
      }
    }
    long hidden = HIDDEN.matcher(text).results().count();
    if (hidden >= ZERO_WIDTH_IN_BULK) {
      findings.add(new InjectionFinding("hidden-text", hidden + " invisible characters"));
    }
    return findings;
  }

  private static String excerpt(String match) {
    String line = HIDDEN.matcher(match).replaceAll("").replaceAll("\\s+", " ").strip();
    return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
  }
}
