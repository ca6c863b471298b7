package dev.coracle.fakes;

import java.util.ArrayList;
import java.util.List;

/**
 * A call the fake model makes to one of the offered tools.
 *
 * @param arguments JSON text, as OpenAI's wire carries it
 */
public record FakeToolCall(String name, String arguments) {

  /** How many pieces a streamed call's arguments are cut into, like a real model's deltas. */
  static final int FRAGMENTS = 4;

  /** The arguments cut into {@link #FRAGMENTS} non-empty pieces that concatenate back to them. */
  public List<String> fragments() {
    List<String> pieces = new ArrayList<>();
    int size = (arguments.length() + FRAGMENTS - 1) / FRAGMENTS;
    for (int at = 0; at < arguments.length(); at += size) {
      pieces.add(arguments.substring(at, Math.min(arguments.length(), at + size)));
    }
    return pieces;
  }
}
