package dev.coracle.activities.guard;

import java.util.Optional;

/**
 * Invisible characters in bulk: zero-width, bidi-control and Unicode tag characters hide text from
 * a human reading the page but not from a model. A single byte order mark is normal and raises
 * nothing.
 */
final class HiddenText implements InjectionCheck {

  static final int IN_BULK = 10;

  static boolean isHidden(int c) {
    return (c >= 0x200B && c <= 0x200F)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2060 && c <= 0x2064)
        || c == 0xFEFF
        || (c >= 0xE0000 && c <= 0xE007F);
  }

  @Override
  public String name() {
    return "hidden-text";
  }

  @Override
  public Optional<InjectionFinding> find(String text) {
    long hidden = text.codePoints().filter(HiddenText::isHidden).count();
    return hidden >= IN_BULK
        ? Optional.of(new InjectionFinding(name(), hidden + " invisible characters"))
        : Optional.empty();
  }
}
