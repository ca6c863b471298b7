package dev.coracle.activities.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags text in tool output (web pages, files, command output) that addresses the model instead of
 * informing it: orders to drop its instructions, chat-template role markers, requests to send
 * secrets away or run a downloaded script, and hidden text. The phrases are specific on purpose: a
 * normal README or source file should raise nothing, so that a flag means something.
 */
public final class InjectionDetector {

  /** Every check, in the order findings are reported. */
  static final List<InjectionCheck> CHECKS =
      List.of(
          new PhraseCheck(
              "ignore-previous-instructions",
              "\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?"
                  + "(?:the\\s+|your\\s+|my\\s+)?(?:previous|prior|above|earlier|preceding"
                  + "|original|system)\\s+(?:instructions|prompts?|directions|directives|rules)"),
          new PhraseCheck(
              "disregard-the-above",
              "\\b(?:disregard|ignore)\\s+(?:everything\\s+|all\\s+)?"
                  + "(?:the\\s+|that\\s+)?above\\b"),
          new PhraseCheck(
              "you-are-now",
              "\\byou\\s+are\\s+now\\s+(?:an?\\s+|the\\s+|in\\s+)?(?:[\\w-]+\\s+){0,3}?"
                  + "(?:assistant|ai|model|chatbot|bot|agent|dan|jailbroken|unrestricted"
                  + "|unfiltered|developer\\s+mode|god\\s+mode)\\b"),
          new PhraseCheck(
              "new-instructions",
              "\\b(?:new|updated|real|actual|additional)\\s+instructions\\s*:"
                  + "|\\b(?:new|override|ignore|replace|forget)\\s+(?:the\\s+|your\\s+)?"
                  + "system\\s+prompt\\b|\\bsystem\\s+prompt\\s*:"),
          new PhraseCheck(
              "role-marker",
              "<\\|im_start\\|>|<\\|im_end\\|>|<\\|(?:system|user|assistant)\\|>"
                  + "|<\\|start_header_id\\|>|\\[/?INST\\]|<</?SYS>>"),
          new PhraseCheck(
              "fake-system-heading",
              "(?m)^[ \\t]*#{2,}[ \\t]*(?:system|instructions?)[ \\t]*(?:message|prompt)?"
                  + "[ \\t]*:?[ \\t]*\\r?$"),
          new PhraseCheck(
              "reveal-prompt",
              "\\b(?:reveal|print|output|repeat|leak|dump|tell\\s+me|share)\\s+(?:me\\s+)?"
                  + "(?:your\\s+(?:full\\s+|entire\\s+|original\\s+|hidden\\s+|initial\\s+)?"
                  + "(?:system\\s+)?(?:prompt|instructions)|the\\s+system\\s+prompt)\\b"),
          new PhraseCheck(
              "reveal-secrets",
              "\\b(?:print|reveal|output|dump|leak|echo|exfiltrate)\\s+(?:me\\s+)?(?:all\\s+)?"
                  + "(?:of\\s+)?(?:the\\s+|your\\s+)?(?:environment(?:\\s+variables)?\\b"
                  + "|env\\s+vars\\b|api[\\s_-]?keys?\\b|secrets\\b|credentials\\b|\\.env\\b"
                  + "|ssh\\s+keys?\\b|private\\s+keys?\\b)"),
          new PhraseCheck(
              "send-data-away",
              "\\b(?:send|post|upload|forward|exfiltrate|transmit|leak)\\s+(?:[\\w.-]+\\s+){0,4}?"
                  + "(?:secrets?|keys?|api\\s+keys?|tokens?|credentials|passwords?|\\.env"
                  + "|environment(?:\\s+variables)?|conversation|chat\\s+history|system\\s+prompt)"
                  + "\\b[^\\n]{0,60}?\\bto\\s+(?:https?://|[\\w.-]+@)"),
          new PipeToShellCheck(),
          new EncodedPayloadCheck(),
          new HiddenText());

  /** What in {@code text} looks like instructions to the model; empty when nothing does. */
  public List<InjectionFinding> scan(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<InjectionFinding> findings = new ArrayList<>();
    for (InjectionCheck check : CHECKS) {
      check.find(text).ifPresent(findings::add);
    }
    return findings;
  }
}
