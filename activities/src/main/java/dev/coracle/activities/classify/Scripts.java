package dev.coracle.activities.classify;

/** Which writing system a prompt is in, as far as the classifier needs to know. */
final class Scripts {
  private Scripts() {}

  /**
   * The share of the letters in {@code text} that are Latin, 1 when it has no letters: a prompt of
   * digits and punctuation is no evidence of another script.
   */
  static double latinShare(String text) {
    int letters = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (!Character.isLetter(codePoint)) {
        continue;
      }
      letters++;
      if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN) {
        latin++;
      }
    }
    return letters == 0 ? 1 : (double) latin / letters;
  }
}
