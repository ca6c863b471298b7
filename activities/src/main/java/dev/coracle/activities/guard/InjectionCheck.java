package dev.coracle.activities.guard;

import java.util.Optional;

/**
 * One kind of text that addresses the model instead of informing it. A check reads the text in
 * linear time whatever it holds: tool output is written by whoever wrote the page or the file.
 */
interface InjectionCheck {

  /** The pattern's name, e.g. {@code ignore-previous-instructions}. */
  String name();

  /** The first place in {@code text} that looks like this kind of instruction, if there is one. */
  Optional<InjectionFinding> find(String text);
}
