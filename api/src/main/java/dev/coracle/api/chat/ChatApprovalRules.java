package dev.coracle.api.chat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a short chat message approves or rejects a plan, by rules alone: no model reads it. Only
 * messages that say nothing else count, in the languages the classifier knows (English, Spanish,
 * German, French, Portuguese, Chinese); a longer message is an ordinary new request. A rejection's
 * text is its reason, which the replan reads.
 */
final class ChatApprovalRules {

  /** An approval or a rejection; {@code reason} is the rejecting message, null for approvals. */
  record Verdict(boolean approve, String reason) {}

  /** Longer messages carry a request of their own, not an answer to the plan. */
  static final int MAX_APPROVAL_LENGTH = 60;

  static final int MAX_REJECTION_LENGTH = 2000;

  private static final String YES =
      "(yes|yeah|yep|yup|sure|ok|okay|alright|sí|si|claro|ja|jawohl|oui|sim|好的|好|行|是的|对)";

  private static final String GO =
      "(go ahead|go for it|go|approve|approved|i approve|run it|run the plan|do it|lgtm"
          + "|looks good( to me)?|ship it|proceed|start it|start|sounds good|that works"
          + "|no problem|no worries"
          + "|adelante|hazlo|apruebo|aprobado|dale|ejec[uú]talo|de acuerdo|vale"
          + "|los geht'?s|mach es|mach das|leg los|genehmigt|einverstanden|freigegeben|passt"
          + "|vas-y|allez-y|approuv[ée]|d'accord|lance-le|c'est bon|valid[ée]"
          + "|pode seguir|aprovado|vai em frente|manda ver|pode rodar|pode ir|fa[çc]a isso"
          + "|可以|批准|同意|开始吧|执行吧|没问题|开始|继续|运行吧)";

  private static final String POLITE =
      "(please|thanks|thank you|por favor|gracias|bitte|danke|s'il te pla[iî]t|merci|obrigad[oa]"
          + "|谢谢|请)";

  private static final Pattern APPROVE =
      Pattern.compile(
          "(" + POLITE + " )?(" + YES + "( " + GO + ")?|" + GO + ")( " + POLITE + ")?( " + GO
              + ")?");

  private static final Pattern REJECT =
      Pattern.compile(
          "((?!no (problem|worries))(no|nope|nah|reject|rejected|i reject|don'?t|do not"
              + "|not like this|not like that|wrong"
              + "|rechazo|rechazado|no lo hagas"
              + "|nein|abgelehnt|lehne ab|nicht so"
              + "|non|rejet[ée]|je refuse|pas comme [çc]a"
              + "|não|nao|rejeitado|rejeito)(\\b|$)|(拒绝|不行|不要|不对|不同意|不好)).*",
          Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);

  private ChatApprovalRules() {}

  static Optional<Verdict> judge(String message) {
    if (message == null) {
      return Optional.empty();
    }
    String text = normalized(message);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.length() <= MAX_APPROVAL_LENGTH && APPROVE.matcher(text).matches()) {
      return Optional.of(new Verdict(true, null));
    }
    if (message.strip().length() <= MAX_REJECTION_LENGTH && REJECT.matcher(text).matches()) {
      return Optional.of(new Verdict(false, message.strip()));
    }
    return Optional.empty();
  }

  /** Lower case, punctuation around words dropped, spaces collapsed. */
  private static String normalized(String message) {
    String text = Normalizer.normalize(message, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    text = text.replaceAll("[\\p{Punct}&&[^'-]]|[，。！？、：；]", " ");
    return text.replaceAll("\\s+", " ").strip();
  }
}
