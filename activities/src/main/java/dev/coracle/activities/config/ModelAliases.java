package dev.coracle.activities.config;

import dev.coracle.activities.config.CoracleConfig.ProviderConfig;
import dev.coracle.workflows.chat.ModelProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Model names that stand for a coracle profile or a configured model, so clients that insist on
 * their vendor's names (Claude Code asks for {@code claude-*}, editors for {@code gpt-*}) work
 * unchanged. The user's {@code models.aliases} are tried first, then the built-in ones; the first
 * pattern that matches the whole name wins.
 */
public final class ModelAliases {

  /** One pattern and the name it stands for. */
  public record Alias(String pattern, String target) {

    /** True when the pattern names exactly one model, so a listing can show it as an id. */
    public boolean concrete() {
      return pattern.indexOf('*') < 0;
    }

    boolean matches(String model) {
      return glob(pattern).matcher(model).matches();
    }
  }

  /** Small models for titles and summaries first, then every other vendor name to the default. */
  static final List<Alias> BUILT_IN =
      List.of(
          new Alias("claude-*haiku*", "coracle-fast"),
          new Alias("claude-*", ModelProfiles.DEFAULT),
          new Alias("gpt-*", ModelProfiles.DEFAULT));

  private final List<Alias> aliases;

  private ModelAliases(List<Alias> aliases) {
    this.aliases = List.copyOf(aliases);
  }

  /** The aliases a configuration defines: the user's, in file order, then the built-in ones. */
  public static ModelAliases of(CoracleConfig config) {
    List<Alias> all = new ArrayList<>();
    ModelsConfig models = config.models();
    if (models != null && models.aliases() != null) {
      models.aliases().forEach((pattern, target) -> all.add(new Alias(pattern, target)));
    }
    all.addAll(BUILT_IN);
    return new ModelAliases(all);
  }

  /** Every alias in the order they are tried. */
  public List<Alias> all() {
    return aliases;
  }

  /** The name {@code model} stands for, or empty when no alias matches it. */
  public Optional<String> resolve(String model) {
    if (model == null) {
      return Optional.empty();
    }
    return aliases.stream().filter(a -> a.matches(model)).map(Alias::target).findFirst();
  }

  /**
   * Refuses a user alias whose pattern is empty or whose target is neither a profile nor a
   * configured {@code provider/model}, naming the key, so a typo fails at start and not per
   * request.
   */
  static void validate(CoracleConfig config) {
    ModelsConfig models = config.models();
    if (models == null || models.aliases() == null) {
      return;
    }
    Set<String> known = knownModels(config);
    for (Map.Entry<String, String> alias : models.aliases().entrySet()) {
      String key = "models.aliases['" + alias.getKey() + "']";
      if (alias.getKey().isBlank()) {
        throw new ConfigException("models.aliases: a pattern must not be empty");
      }
      String target = alias.getValue();
      if (target == null || !(ModelProfiles.isProfile(target) || known.contains(target))) {
        throw new ConfigException(
            key
                + ": '"
                + target
                + "' is neither a profile "
                + ModelProfiles.all()
                + " nor a configured provider/model; known: "
                + known);
      }
    }
  }

  private static Set<String> knownModels(CoracleConfig config) {
    Set<String> known = new TreeSet<>();
    var ollama = config.local().ollama();
    if (ollama.enabled()) {
      known.add("ollama/" + ollama.reasoningModel());
      known.add("ollama/" + ollama.coderModel());
    }
    for (ProviderConfig provider : config.providers()) {
      provider.models().forEach(model -> known.add(provider.name() + "/" + model));
    }
    return known;
  }

  /** A glob as a regular expression: {@code *} is any run of characters, the rest is literal. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
