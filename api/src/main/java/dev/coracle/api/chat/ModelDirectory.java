package dev.coracle.api.chat;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.workflows.chat.ModelProfiles;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The model names clients may use: coracle's profiles, then {@code provider/model} names. */
@Singleton
public class ModelDirectory {
  private final ProviderCatalog catalog;

  public ModelDirectory(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  /** A model name and who serves it. */
  public record Entry(String id, String ownedBy) {}

  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    ModelProfiles.all().forEach(profile -> entries.add(new Entry(profile, "coracle")));
    entries.add(new Entry(LocalEmbeddings.MODEL_NAME, "coracle"));
    for (ConfiguredProvider provider : catalog.all()) {
      provider
          .models()
          .forEach(m -> entries.add(new Entry(provider.name() + "/" + m, provider.name())));
    }
    return entries;
  }

  /** True for a model that can answer chats (the embedding model cannot). */
  public boolean exists(String model) {
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
