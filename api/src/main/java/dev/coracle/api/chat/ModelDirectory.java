package dev.coracle.api.chat;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.config.ModelAliases;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.workflows.chat.ModelProfiles;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model names clients may use: coracle's profiles, {@code provider/model} names, and aliases
 * (vendor names such as {@code gpt-4o} that stand for one of those). This is the one place a name
 * is resolved.
 */
@Singleton
public class ModelDirectory {
  private final ProviderCatalog catalog;
  private final ModelAliases aliases;

  public ModelDirectory(ProviderCatalog catalog, LoadedConfig config) {
    this.catalog = catalog;
    this.aliases = ModelAliases.of(config.config());
  }

  /**
   * A model name and who serves it.
   *
   * @param aliasFor for an alias, the name it stands for; null for a profile or a configured model
   */
  public record Entry(String id, String ownedBy, String aliasFor) {}

  /** Every name that can be listed as an id: aliases with a {@code *} are patterns, not ids. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    ModelProfiles.all().forEach(profile -> entries.add(new Entry(profile, "coracle", null)));
    entries.add(new Entry(LocalEmbeddings.MODEL_NAME, "coracle", null));
    for (ConfiguredProvider provider : catalog.all()) {
      provider
          .models()
          .forEach(m -> entries.add(new Entry(provider.name() + "/" + m, provider.name(), null)));
    }
    for (ModelAliases.Alias alias : aliases.all()) {
      if (alias.concrete() && entries.stream().noneMatch(e -> e.id().equals(alias.pattern()))) {
        entries.add(new Entry(alias.pattern(), "coracle", alias.target()));
      }
    }
    return entries;
  }

  /** The entry for {@code model}, for an alias pattern's match too, or empty when unknown. */
  public Optional<Entry> find(String model) {
    Optional<Entry> listed = entries().stream().filter(e -> e.id().equals(model)).findFirst();
    if (listed.isPresent()) {
      return listed;
    }
    return resolve(model).map(target -> new Entry(model, "coracle", target));
  }

  /** Every alias, patterns included, in the order they are tried. */
  public List<ModelAliases.Alias> aliases() {
    return aliases.all();
  }

  /**
   * The chat model {@code model} names: itself for a profile or a configured {@code
   * provider/model}, what it stands for when an alias matches, else empty. Profiles and configured
   * models are never shadowed by an alias.
   */
  public Optional<String> resolve(String model) {
    if (model == null) {
      return Optional.empty();
    }
    if (answersChats(model)) {
      return Optional.of(model);
    }
    return aliases.resolve(model).filter(this::answersChats);
  }

  private boolean answersChats(String model) {
    if (ModelProfiles.isProfile(model)) {
      return true;
    }
    if (!ModelProfiles.isDirect(model)) {
      return false;
    }
    int slash = model.indexOf('/');
    return catalog.knowsModel(model.substring(0, slash), model.substring(slash + 1));
  }
}
