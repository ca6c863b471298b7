package dev.coracle.activities.classify;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a prompt is written in English: its script, and for Latin script its function words
 * ("the", "is", "to" against "je", "och", "của", "yang"). The sentence embedding model learned
 * English only, so {@code coracle eval classify} reports how the classifier does on the prompts in
 * other languages on their own. A Czech, Swedish, Vietnamese or Indonesian prompt is in the same
 * script as English; function words tell the languages apart in a few words, with no model to load
 * (a field library such as Lingua or OpenNLP's detector would cost tens of megabytes of profiles
 * for a question with two answers). Technical words ("API", "refactor", "Kubernetes") are in every
 * language's prompts and count for none.
 *
 * <p>Counting the embedding less for a Latin-script prompt that is not English, as it is counted
 * less for other scripts, was tried and not kept: once the n-grams had exemplars in those
 * languages, it did not change cross-validated accuracy (docs/benchmarks.md).
 */
final class EnglishWords {
  private EnglishWords() {}

  /** Words that mark English and are not common words of the other languages below. */
  private static final Set<String> ENGLISH =
      words(
          """
          the is are was were be been being am to of and or for with from by at on it its this that
          these those what which who whom whose why how when where there here my our your their his
          her we you they he she i me us them do does did done have has had can could would should
          will shall may might must not no yes all any some every each into out up down over about
          after before between than then so if but just only also too very much many more most
          still yet again now please pls thanks write make add fix find give tell show explain get
          set run use using need want like look check change whats an a one two new old way thing
          things something anything everything nothing without across through because while until
          since same other another such own both few let lets going doing working difference better
          best good bad work job jobs status right
          """);

  /**
   * Function words of the other languages written in Latin script that the classifier meets:
   * German, Dutch, Swedish, Danish, Norwegian, Spanish, Portuguese, French, Italian, Romanian,
   * Polish, Czech, Slovak, Turkish, Indonesian, Malay and Vietnamese. None is also a common English
   * word or a common technical word ("ci", "jest", "var", "ini", "os" were left out for that).
   */
  private static final Set<String> OTHER =
      words(
          // German
          """
          der das und ist nicht ich wir mit für von auf den dem ein eine einen einem einer wie
          bitte noch schon unser unsere unseren mein meine warum welche gibt kann oder auch zu im
          zum zur bei nach aus sind wird werden hat habe ob dass sich es heute gerade alle jetzt
          """,
          // Dutch
          """
          het een en niet ik wij onze ons mijn voor met van hoe wat waarom welke nog al zijn wordt
          kun je jij er naar bij ook dit deze dat maak schrijf
          """,
          // Swedish, Danish, Norwegian
          """
          och att är det som på av för med inte jag vi vår våra vad hur varför vilka vilken kan ska
          skriv til ikke hvad hvordan hvorfor og jeg vores hva vårt nu än ett om
          """,
          // Spanish, Portuguese
          """
          el la los las del que qué por para con una uno es son está están cómo como cuál cuántos
          cuántas mi mis nuestro nuestra nuestros más pero también ya hoy ahora todo todos hay
          puedes haz escribe o uma não é são da das na nas nos meu minha nosso nossa você faça mais
          também hoje agora já pra qual quais porque ainda isso este esta esto
          """,
          // French
          """
          le les des et est une pour avec dans sur pas je nous notre nos ma mes quel quelle quels
          quelles pourquoi comment qui quoi ce cette ces au aux sont fais écris peux il elle ou où
          encore déjà aujourd
          """,
          // Italian
          """
          il lo gli di che è sono della delle dei nel nella con una uno perché cosa quale quali
          nostro nostra nostri mio mia ancora già oggi adesso fammi scrivi si ho hai
          """,
          // Romanian
          """
          și este pentru nu cu ce cum de în la să
          """,
          // Polish, Czech, Slovak
          """
          nie się czy jak dla oraz który która które nasz nasza naszego mój moja już jeszcze
          dlaczego ze na od po je ještě už se že náš naše našeho proč které který jsou není mě mi
          ta aj sa ako prečo tomu toho jaký jaká jaké kde kdy máme nám nás jsem jsme aby když také
          taky zatím nic
          """,
          // Turkish
          """
          ve bir bu için ile mi mı mu mü ne nasıl neden hangi yok da de bana bizim şu gibi daha çok
          olan olarak kaç hâlâ
          """,
          // Indonesian, Malay
          """
          yang dan itu untuk dengan di ke dari apa apakah bagaimana kenapa mengapa kami kita saya
          sudah belum tolong buat buatkan bisa tidak ada atau juga sekarang hari berapa lalu cara
          sampai mana dong
          """,
          // Vietnamese
          """
          của và là không có cho với một các những này để được trong tôi mình chúng bạn hãy gì sao
          nào đã chưa xong giúp cách làm viết tìm hiện bao nhiêu khác nhau rồi đang
          """);

  /** The words of the given blocks, split at white space. */
  private static Set<String> words(String... blocks) {
    return Arrays.stream(blocks)
        .flatMap(block -> Arrays.stream(block.strip().split("\\s+")))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * True when the word has a Latin letter beyond ASCII ("přidej", "får", "được"): English words
   * rarely do, the other languages' words often.
   */
  private static boolean hasDiacritic(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c > 0x7f
          && Character.isLetter(c)
          && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
        return true;
      }
    }
    return false;
  }

  /** True when the prompt is mostly in Latin script and reads as English ({@link #isEnglish}). */
  static boolean isEnglishPrompt(String text) {
    String normalized = TextPrep.normalize(text);
    return Scripts.latinShare(normalized) >= TieredClassifier.LATIN_SHARE && isEnglish(normalized);
  }

  /**
   * True when the prompt's words mark English at least as often as another Latin-script language. A
   * prompt with no telling word ("regex for ipv4", "status") counts as English: the embedding model
   * reads technical words as well as anything.
   *
   * @param normalized the prompt as {@link TextPrep#normalize} makes it (lower case, words split by
   *     single spaces)
   */
  static boolean isEnglish(String normalized) {
    int english = 0;
    int other = 0;
    for (String word : normalized.split(" ")) {
      if (ENGLISH.contains(word)) {
        english++;
      } else if (OTHER.contains(word) || hasDiacritic(word)) {
        other++;
      }
    }
    return other <= english;
  }
}
