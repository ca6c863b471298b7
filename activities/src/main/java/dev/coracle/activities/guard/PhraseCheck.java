package dev.coracle.activities.guard;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * A phrase that gives the model orders, as a case-insensitive RE2 pattern: RE2 never backtracks, so
 * one search is linear in the text whatever the text holds.
 */
record PhraseCheck(String name, Pattern pattern) implements InjectionCheck {

  PhraseCheck(String name, String regex) {
    this(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  @Override
  public Optional<InjectionFinding> find(String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find()
        ? Optional.of(new InjectionFinding(name, Excerpt.of(text, matcher.start(), matcher.end())))
        : Optional.empty();
  }
}
