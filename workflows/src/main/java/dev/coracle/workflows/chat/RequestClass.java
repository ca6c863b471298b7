package dev.coracle.workflows.chat;

import java.util.Locale;

/** What a request needs; decides everything coracle does with it. */
public enum RequestClass {
  /** Asks about the progress or state of existing jobs; answered without any model. */
  STATUS,
  /** A single-shot answer. */
  FAST,
  /** Multi-step coding, design or debugging that needs a plan. */
  DEEP,
  /** Needs outside or current information, sources, comparisons. */
  RESEARCH;

  /** The lower-case name used on the wire: in headers, profiles and the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestClass fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
