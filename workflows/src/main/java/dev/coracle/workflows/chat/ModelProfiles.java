package dev.coracle.workflows.chat;

import java.util.List;
import java.util.Optional;

/**
 * The model names coracle answers to. {@code coracle} lets the classifier decide; {@code
 * coracle-<class>} forces a class; {@code provider/model} goes straight to one configured model.
 */
public final class ModelProfiles {

  public static final String DEFAULT = "coracle";

  private ModelProfiles() {}

  /** Every profile name, in the order {@code /v1/models} lists them. */
  public static List<String> all() {
    return List.of(
        DEFAULT,
        profileOf(RequestClass.FAST),
        profileOf(RequestClass.DEEP),
        profileOf(RequestClass.RESEARCH),
        profileOf(RequestClass.STATUS));
  }

  public static String profileOf(RequestClass requestClass) {
    return DEFAULT + "-" + requestClass.wireName();
  }

  public static boolean isProfile(String model) {
    return all().contains(model);
  }

  /** True for a {@code provider/model} name. */
  public static boolean isDirect(String model) {
    return model != null && model.indexOf('/') > 0 && model.indexOf('/') < model.length() - 1;
  }

  /** The class a {@code coracle-<class>} profile forces, if the name is one. */
  public static Optional<RequestClass> forcedClass(String model) {
    for (RequestClass requestClass : RequestClass.values()) {
      if (profileOf(requestClass).equals(model)) {
        return Optional.of(requestClass);
      }
    }
    return Optional.empty();
  }
}
