package dev.coracle.activities.classify;

import com.google.re2j.Pattern;
import dev.coracle.activities.cache.EmbeddingText;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Cuts a prompt down to the words that say what the user wants. Pasted code and file contents say
 * little about the kind of request and would drown the instruction in a sentence embedding; very
 * long prompts are also slow to embed, so only their head and tail are kept.
 *
 * <p>The patterns are RE2: a prompt can hold a file the client read, and with backtracking a
 * megabyte of unclosed {@code <system-reminder>} tags took minutes.
 */
final class TextPrep {
  /** How much of a long prompt the n-gram features read: its head and its tail. */
  static final int MAX_CHARS = 1000;

  private static final int HEAD_CHARS = 700;

  /** How much of a long prompt is embedded. */
  static final int EMBED_CHARS = 240;

  private static final int EMBED_HEAD_CHARS = 170;

  /**
   * The blocks of context that coding agents wrap around the user's words: Claude Code's system
   * reminders, hook output, IDE selections and slash-command banners; codex's environment, user
   * instructions and AGENTS.md blocks. They say nothing about this request, and a CLAUDE.md that
   * says "refactor" must not make every question a job.
   */
  private static final String CONTEXT_TAGS =
      "system-reminder|environment_context|user_instructions|INSTRUCTIONS|command-message"
          + "|local-command-stdout|local-command-stderr|user-prompt-submit-hook|ide_selection"
          + "|ide_opened_file|ide_diagnostics|turn_aborted";

  private static final Pattern REMINDERS =
      Pattern.compile("(?s)<(" + CONTEXT_TAGS + ")>.*?</(" + CONTEXT_TAGS + ")>");

  /** The heading codex puts before an AGENTS.md block: "# AGENTS.md instructions for /path". */
  private static final Pattern AGENTS_HEADING =
      Pattern.compile("(?m)^#+ *AGENTS\\.md instructions for [^\\n]*$");

  /**
   * The tags around a slash command as Claude Code sends it: the command and its arguments are the
   * request ("/explain what a goroutine leak is"), so only the tags go.
   */
  private static final Pattern COMMAND_TAGS = Pattern.compile("</?command-(name|args)>");

  private static final Pattern FENCED = Pattern.compile("(?s)```.*?(```|$)");
  private static final Pattern FILE_TAGS =
      Pattern.compile(
          "(?s)<file\\b[^>]*>.*?(?:</file>|$)|<document\\b[^>]*>.*?(?:</document>|$)"
              + "|<code\\b[^>]*>.*?(?:</code>|$)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Everything but letters, digits, marks, '?' and the '/' of a command such as /status. */
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\pL\\pN\\pM?/]+");

  private static final Pattern QUESTION = Pattern.compile("\\?+");

  /** English contractions, so "what's" and "what is" read the same. */
  private static final String[][] CONTRACTIONS = {
    {"won't", "will not"}, {"can't", "can not"}, {"n't", " not"}, {"'re", " are"},
    {"'ve", " have"}, {"'ll", " will"}, {"'d", " would"}, {"'m", " am"},
    {"let's", "let us"}, {"'s", " is"}
  };

  private TextPrep() {}

  /**
   * The text to embed: code blocks become a short marker, only the head and tail of a long prompt
   * are kept, and the rest is read as the semantic cache reads it ({@link EmbeddingText}), so that
   * a short prompt is embedded once for both. The sentence embedding costs time in proportion to
   * its length (on this machine, idle: 1.5 ms for 40 characters, 3.4 ms for 200, 9 ms for 700), and
   * the request is nearly always said at the start or the end; the n-gram features read more.
   */
  static String forEmbedding(String text) {
    return prepare(text).embedding();
  }

  /**
   * A prompt as each part of the classifier reads it, cleaned once: a long agent prompt holds
   * kilobytes of context, and cleaning it for every reader cost milliseconds.
   *
   * @param instruction the cleaned prompt, head and tail of a long one, case kept: what the rules
   *     read
   * @param normalized what the n-gram features read ({@link #normalize})
   * @param embedding what is embedded ({@link #forEmbedding})
   */
  record Prepared(String instruction, String normalized, String embedding) {}

  static Prepared prepare(String text) {
    String cleaned = clean(text);
    String instruction = cut(cleaned, MAX_CHARS, HEAD_CHARS);
    return new Prepared(
        instruction,
        fold(instruction),
        EmbeddingText.of(cut(cleaned, EMBED_CHARS, EMBED_HEAD_CHARS)));
  }

  private static String clean(String text) {
    if (text == null) {
      return "";
    }
    String cleaned = REMINDERS.matcher(text).replaceAll(" ");
    cleaned = AGENTS_HEADING.matcher(cleaned).replaceAll(" ");
    cleaned = COMMAND_TAGS.matcher(cleaned).replaceAll(" ");
    cleaned = FILE_TAGS.matcher(cleaned).replaceAll(" (code) ");
    cleaned = FENCED.matcher(cleaned).replaceAll(" (code) ");
    return SPACES.matcher(cleaned).replaceAll(" ").strip();
  }

  private static String cut(String cleaned, int max, int head) {
    if (cleaned.length() <= max) {
      return cleaned;
    }
    int tail = max - head;
    return cleaned.substring(0, head) + " … " + cleaned.substring(cleaned.length() - tail);
  }

  /**
   * The prompt as the n-gram features read it: the instruction only ({@link #forEmbedding}),
   * compatibility forms folded (NFKC), lower case, contractions spelled out, punctuation gone but
   * for question marks, one space between words.
   */
  static String normalize(String text) {
    return fold(cut(clean(text), MAX_CHARS, HEAD_CHARS));
  }

  private static String fold(String prepared) {
    String folded =
        Normalizer.normalize(prepared, Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replace('\u2018', '\'');
    for (String[] contraction : CONTRACTIONS) {
      folded = folded.replace(contraction[0], contraction[1]);
    }
    String spaced = QUESTION.matcher(folded).replaceAll(" ? ");
    spaced = NOT_A_WORD.matcher(spaced).replaceAll(" ");
    return SPACES.matcher(spaced).replaceAll(" ").strip();
  }
}
