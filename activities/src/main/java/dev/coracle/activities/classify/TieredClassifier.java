package dev.coracle.activities.classify;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * The local routing brain: decides the class of a request without any LLM and without the network.
 * Tier (a), the rules, decides alone when a strong rule matched. Otherwise tier (b) decides: the
 * embedding classifier and the word and character n-gram classifier multiply their odds, and a weak
 * rule only tilts them towards the rule's class. A job class then has to be sure ({@link JobGate}).
 */
@Singleton
public class TieredClassifier {
  /**
   * How far a weak rule tilts the embedding tier: its class's odds are multiplied by e^2, about 7.
   * Enough to settle an unsure embedding answer, not enough to override a clear one (a top class at
   * 0.95 against 0.02 has odds of 47). Cross-validated on the exemplars with the embedding tier's
   * sharpness.
   */
  static final double WEAK_RULE_PRIOR = 2.0;

  /**
   * A last user turn this short ("and now?", "why?") is classified together with the one before.
   */
  static final int SHORT_TURN_CHARS = 24;

  /**
   * The n-gram classifier's odds count this much beside the embedding's (whose weight is 1): chosen
   * by five-fold cross-validation on the exemplars (0.910 embedding alone, 0.939 with n-grams).
   */
  static final double NGRAM_WEIGHT = 0.75;

  /**
   * When the n-gram classifier alone is this sure (and no weak rule points elsewhere), its verdict
   * stands without the sentence embedding, which is most of a classification's time. On the team's
   * eval set this let 114 of the 261 prompts no strong rule decides skip the embedding, with the
   * same accuracy.
   */
  static final double NGRAM_ALONE = 0.9;

  /** The tier name of a verdict the n-gram classifier gave alone. */
  static final String NGRAM_TIER = "ngram";

  private final EmbeddingClassifier embedding;
  private final NgramClassifier ngrams;

  @Inject
  public TieredClassifier(LocalEmbeddings embeddings) {
    this(new EmbeddingClassifier(embeddings));
  }

  TieredClassifier(EmbeddingClassifier embedding) {
    this.embedding = embedding;
    this.ngrams = new NgramClassifier(embedding.exemplars());
  }

  /**
   * Prompts that take every path once: a strong rule, the n-grams alone, the blend with a weak
   * rule, the blend alone and the job gate.
   */
  static final List<String> WARM_UP =
      List.of(
          "is my job done?",
          "what does a semaphore do",
          "add retries to the HTTP client and write tests for them",
          "compare two web frameworks, with recent benchmarks and sources",
          "write a one-line summary of the parser refactor");

  /**
   * Classifies {@link #WARM_UP} once, so that the first chats after start-up do not pay for loading
   * and first running the classifier's code (several milliseconds each, measured on the first
   * requests of a fresh process).
   */
  public void warmUp() {
    WARM_UP.forEach(this::classify);
  }

  public EmbeddingClassifier embedding() {
    return embedding;
  }

  /**
   * Classifies a chat request by its last user turn. A very short last turn that no strong rule
   * recognises ("and the other one?") is read together with the previous user turn, since it
   * continues that request.
   */
  public Classification classify(ChatRequest request) {
    String last = request.lastUserText();
    String previous = previousUserText(request.messages());
    if (previous == null || last.strip().length() > SHORT_TURN_CHARS) {
      return classify(last);
    }
    RulesClassifier.Verdict rules = RulesClassifier.verdict(last);
    if (rules.strength() == RulesClassifier.Strength.STRONG) {
      return rules.classification();
    }
    return classify(previous + "\n" + last);
  }

  /** Classifies one prompt; an unsure job class becomes {@code fast} ({@link JobGate}). */
  public Classification classify(String text) {
    TextPrep.Prepared prepared = TextPrep.prepare(text);
    // The rules read the instruction, not the context an agent wraps around it: a CLAUDE.md that
    // says "refactor" does not make every question a job.
    RulesClassifier.Verdict rules = RulesClassifier.verdict(prepared.instruction());
    Classification verdict = unguarded(text, prepared, rules);
    boolean ruleAgrees =
        rules.strength() == RulesClassifier.Strength.WEAK
            && rules.requestClass() == verdict.requestClass();
    return JobGate.check(verdict, text, ruleAgrees);
  }

  private Classification unguarded(
      String text, TextPrep.Prepared prepared, RulesClassifier.Verdict rules) {
    if (rules.strength() == RulesClassifier.Strength.STRONG || text == null || text.isBlank()) {
      return rules.classification();
    }
    double[] ngram = ngrams.ofNormalized(prepared.normalized());
    int ngramBest = EmbeddingClassifier.argmax(ngram);
    boolean rulesAgree =
        rules.strength() == RulesClassifier.Strength.NONE
            || rules.requestClass().ordinal() == ngramBest;
    if (ngram[ngramBest] >= NGRAM_ALONE && rulesAgree) {
      return new Classification(
          RequestClass.values()[ngramBest],
          ngram[ngramBest],
          NGRAM_TIER,
          String.format(Locale.ROOT, "word and character n-grams (%.2f)", ngram[ngramBest]));
    }
    EmbeddingClassifier.Scores scores = embedding.ofEmbeddingText(prepared.embedding());
    double[] probabilities =
        blend(scores.probabilities(), ngram, embeddingWeight(prepared.normalized()));
    String hint = "";
    if (rules.strength() == RulesClassifier.Strength.WEAK) {
      probabilities = tilt(probabilities, rules.requestClass());
      hint = "; rule hint " + rules.requestClass().wireName() + " (" + rules.reason() + ")";
    }
    int best = EmbeddingClassifier.argmax(probabilities);
    return new Classification(
        RequestClass.values()[best],
        probabilities[best],
        EmbeddingClassifier.TIER,
        String.format(
            Locale.ROOT,
            "nearest: '%s' (%.2f)%s",
            EmbeddingClassifier.abbreviate(scores.nearest().text()),
            scores.similarity(),
            hint));
  }

  /**
   * How much the embedding's odds count: fully for a prompt in Latin script, little for one in
   * another script. The embedding model learned English; it splits Cyrillic, Japanese, Korean or
   * Chinese text into single characters or unknown pieces, so such prompts all land near each other
   * whatever they ask, and the embedding tier's verdict on them is mostly the majority class of the
   * exemplars in that script. The n-grams read them as well as English.
   */
  static double embeddingWeight(String normalized) {
    return Scripts.latinShare(normalized) >= LATIN_SHARE ? 1.0 : FOREIGN_SCRIPT_EMBEDDING_WEIGHT;
  }

  /** A prompt with at least this share of its letters in Latin script is read as Latin. */
  static final double LATIN_SHARE = 0.5;

  /** The embedding's weight for a prompt in another script: chosen by cross-validation. */
  static final double FOREIGN_SCRIPT_EMBEDDING_WEIGHT = 0.1;

  /** The product of the two classifiers' odds, each raised to its weight. */
  private static double[] blend(double[] embedding, double[] ngram, double embeddingWeight) {
    double[] logits = new double[embedding.length];
    for (int c = 0; c < logits.length; c++) {
      logits[c] =
          embeddingWeight * Math.log(Math.max(embedding[c], 1e-9))
              + NGRAM_WEIGHT * Math.log(Math.max(ngram[c], 1e-9));
    }
    return SoftmaxHead.softmax(logits);
  }

  private static double[] tilt(double[] probabilities, RequestClass towards) {
    double[] logits = new double[probabilities.length];
    for (int c = 0; c < logits.length; c++) {
      logits[c] = Math.log(Math.max(probabilities[c], 1e-9));
    }
    logits[towards.ordinal()] += WEAK_RULE_PRIOR;
    return SoftmaxHead.softmax(logits);
  }

  private static String previousUserText(List<ChatMessage> messages) {
    boolean skippedLast = false;
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage message = messages.get(i);
      if ("user".equals(message.role()) && message.content() != null) {
        if (skippedLast) {
          return message.content();
        }
        skippedLast = true;
      }
    }
    return null;
  }
}
