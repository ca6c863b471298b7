package dev.coracle.activities.classify;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * What a prompt's wording says about the size of what it asks for, whatever a classifier thinks of
 * its topic. "write a PR title for: add retry to the uploader" reads like coding work to both
 * classifiers, yet it asks for one line; "kubernetes" alone names a topic but asks for nothing.
 * Neither is a job, and a job started for them costs the user minutes and the LLM slot.
 *
 * <p>The patterns are RE2 (linear time) and read the text {@link TextPrep#normalize} makes.
 */
final class JobScope {
  /** Fewer words than this cannot describe work worth a job. */
  static final int MIN_JOB_WORDS = 3;

  /**
   * Words that ask for a small deliverable: one line or sentence, a title, a commit message, a few
   * made-up values, a summary or translation of text the prompt itself supplies.
   */
  private static final Pattern SMALL =
      Pattern.compile(
          "\\b(one|single|1)[ -]?(line|liner|sentence|paragraph|word)s?\\b"
              + "|\\b(a|an) (title|name|slogan|tagline|haiku|poem|limerick|tweet|joke)\\b"
              + "|\\b(commit message|pr title|tl ?dr|in short|briefly)\\b"
              + "|\\b(few|two|three|2|3) (words|sentences|lines|bullet points)\\b"
              + "|\\brandom\\b"
              + "|\\b(make up|invent|generate|give me|suggest) (\\d+|a few|some|three|five|ten)\\b"
              + "|\\bjust (tell|give|say)\\b"
              + "|\\b(summari[sz]e|translate|rephrase|reword|proofread) (this|the following)"
              + " (text|paragraph|sentence|email|message|note|passage)\\b"
              + "|\\b(make|rewrite|shorten|polish) this (sentence|paragraph|text|email|message"
              + "|line|tweet|title)\\b"
              // A supplied text rewritten in another tone, a pasted snippet in another language or
              // library, a supplied text translated: the paste's words read like work, the ask is
              // one answer.
              + "|\\b(rewrite|reword|rephrase) (this|it|the following)( text| message| email"
              + "| paragraph| sentence)? (to sound|so it sounds|to be more|more)\\b"
              + "|\\bmake (this|it) sound\\b"
              + "|\\b(convert|turn) this (curl|curl command|snippet|command|json|yaml|function|regex"
              + "|query|sql|csv|xml)( command)? (to|into)\\b"
              + "|\\bturn this into (python|javascript|typescript|go|java|rust|bash|powershell|curl"
              + "|a curl command|json|yaml|sql|a regex)\\b"
              // The title a coding agent asks for its chat list (opencode, Claude Code): the
              // conversation it quotes reads like work, the ask is a few words.
              + "|\\b(title|name|headline|subject line) for (this|the following|the|our) (chat"
              + "|conversation|thread|session|discussion)\\b"
              + "|\\b\\d+( (to )?\\d+)? words? (title|summary|name|headline)\\b"
              + "|^(translate|traduci|traduce|traduis|traduza|übersetze|vertaal|przetłumacz"
              + "|переведи)( this| it| the following| questo| esto| ceci| isso| das)?( text)? ?(to"
              + "|into|in|en|al|ao|ins|naar|na|на)\\b");

  /**
   * A word that makes the small thing just matched part of a bigger one: "a title field", "a name
   * column", "a haiku generator" are code to write, not a title, a name or a haiku.
   */
  private static final Pattern MODIFIED =
      Pattern.compile(
          "^ (field|column|property|attribute|parameter|argument|input|validator|generator|parser"
              + "|service|server|lookup|index|search|filter|tag|check|component|widget|api"
              + "|endpoint|table|resolver|registry)s?\\b");

  /**
   * A question about a fact of the past ("when was Kubernetes first released", "who wrote the first
   * C compiler", "wann wurde Java veröffentlicht"): the answer does not change, so there is nothing
   * to look up and nothing to build. Both classifiers tend to call such questions research by their
   * topic; a question that asks for the latest or current state is left alone ({@link #CURRENT}).
   */
  private static final Pattern PAST_FACT =
      Pattern.compile(
          "^(when|what year|in what year|in which year|who|which company|which person)"
              + " (was|were|did|invented|wrote|created|made|founded|designed|released|coined)\\b"
              + "|^(wann wurde|wer hat|en qué año|quién (inventó|creó)|quand a été|qui a (inventé"
              + "|créé)|em que ano|quem (inventou|criou)|in che anno|chi ha (inventato|creato)"
              + "|в каком году|кто (придумал|создал|написал))"
              + "|(哪一年|哪年|谁发明|谁创造|何年に|誰が作|몇 년도|누가 만들)");

  /** Words that ask for the current state of things, which a past-fact question does not. */
  private static final Pattern CURRENT =
      Pattern.compile(
          "\\b(latest|newest|current|currently|now|today|recent|recently|still|this (year|month"
              + "|week)|sources?|links?|20[2-9][0-9])\\b");

  /**
   * A question about how far some work has got ("where are we with the test fixes", "how far along
   * is the upgrade", "give me an update on the Kotlin port"): it asks about a job, never for one.
   */
  private static final Pattern PROGRESS_QUESTION =
      Pattern.compile(
          "^(where (are|r) (we|you) (with|on|at)|how far (along )?(is|are)|(status|progress|eta)"
              + " (of|on) (the|my|our|that|this)|(give me |any )?(an )?updates? on (the|my|our"
              + "|that|this))\\b"
              // The same question in Spanish and French: "ya terminó lo del refactor o sigue",
              // "t'en
              // es où sur la tâche des tests". RE2's \\b is ASCII-only, so a word ending in an
              // accent
              // ends at a space instead.
              + "|\\bya (termin[oó]|acab[oó])( |$)"
              + "|^(t en es o[uù]|vous en [eê]tes o[uù]|o[uù] en (es tu|[eê]tes vous|est))( |$)");

  /**
   * What coracle itself keeps: its free-tier quotas and rate limits, its providers and their
   * cooldowns, the local model slot, the tokens it spent and what it saved.
   */
  private static final Pattern OWN_RESOURCE =
      Pattern.compile(
          "\\b(quotas?|free ?tiers?|free requests|rate limits?|tokens|providers?|cooldowns?"
              + "|local (model|slot)|model slot|savings|saved)\\b");

  /** Words that ask how much of such a resource is left or was used: alone, they are enough. */
  private static final Pattern SPENT =
      Pattern.compile(
          "\\b(left|remaining|out of|used up|burned|burnt|spent|resets?|in cooldown)\\b");

  /** Words that ask about a resource's state now; they need the user or coracle named too. */
  private static final Pattern STATE_NOW =
      Pattern.compile(
          "\\b(used|down|available|today|so far|this (month|week)|right now|atm|rn|loaded"
              + "|resident)\\b");

  private static final Pattern OWNER =
      Pattern.compile("\\b(we|us|our|my|me|i|you|your|coracle)\\b");

  /** A question, by its first word or a question mark (not an instruction to build something). */
  private static final Pattern QUESTION =
      Pattern.compile(
          "^(how|what|whats|which|when|where|is|are|r|do|does|did|any|anything|have|has|hows"
              + "|can you tell|tell me|give me|show me)\\b|\\?");

  /** "which providers are down", "any models loaded": about coracle's own, in a gateway. */
  private static final Pattern PROVIDERS_NOW =
      Pattern.compile(
          "^(which|what|any) (providers?|models?)( are| is)? (down|up|available|in cooldown"
              + "|rate limited|loaded)\\b");

  /** Han, kana and hangul characters: a language written without spaces counts each as a word. */
  private static final Pattern UNSPACED =
      Pattern.compile("[\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}]");

  private JobScope() {}

  /**
   * Why the prompt cannot be a job, whatever its class: it asks for something small, or it is too
   * short to describe any work. Empty when its wording leaves the size open.
   */
  static Optional<String> tooSmall(String text) {
    String normalized = TextPrep.normalize(text);
    Matcher small = SMALL.matcher(normalized);
    while (small.find()) {
      if (!MODIFIED.matcher(normalized.substring(small.end())).find()) {
        return Optional.of("asks for something small: '" + small.group() + "'");
      }
    }
    if (PAST_FACT.matcher(normalized).find() && !CURRENT.matcher(normalized).find()) {
      return Optional.of("asks about a fact of the past");
    }
    if (words(normalized) < MIN_JOB_WORDS) {
      return Optional.of("too short to describe work");
    }
    return Optional.empty();
  }

  /**
   * True when the prompt asks how far some work has got ("where are we with the test fixes", "how
   * far along is the upgrade"): a question about a job, which the job store answers.
   */
  static boolean asksProgress(String text) {
    return PROGRESS_QUESTION.matcher(TextPrep.normalize(text)).find();
  }

  /**
   * True when the prompt asks about coracle's own state ("r we out of free tier on anything", "how
   * many tokens have we burned today", "which providers are down atm"): the status store answers
   * it. Both classifiers put such questions near exemplars about free tiers and providers in
   * general, which are research; a research job started for them is the costliest wrong answer.
   */
  static boolean asksOwnState(String text) {
    String normalized = TextPrep.normalize(text);
    if (PROVIDERS_NOW.matcher(normalized).find()) {
      return true;
    }
    if (!OWN_RESOURCE.matcher(normalized).find() || !QUESTION.matcher(normalized).find()) {
      return false;
    }
    return SPENT.matcher(normalized).find()
        || (STATE_NOW.matcher(normalized).find() && OWNER.matcher(normalized).find());
  }

  private static int words(String normalized) {
    int words = 0;
    for (String token : normalized.replace("?", " ").strip().split(" +")) {
      if (token.isEmpty()) {
        continue;
      }
      Matcher unspaced = UNSPACED.matcher(token);
      int characters = 0;
      while (unspaced.find()) {
        characters++;
      }
      words += Math.max(1, characters);
    }
    return words;
  }
}
