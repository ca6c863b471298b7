package dev.coracle.api.completions;

import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.workflows.chat.ModelProfiles;
import dev.coracle.workflows.chat.RequestClass;
import jakarta.inject.Singleton;

/**
 * Which model answers a completion. Names resolve as on every door; only the classifying profile
 * {@code coracle} (and every alias that stands for it, such as {@code gpt-3.5-turbo-instruct}) is
 * narrowed: autocomplete is latency-bound and fill-in-the-middle needs a code model, so it goes to
 * the local coder model, or to {@code coracle-fast} when there is no local Ollama. Classifying a
 * code prefix would route it by its content, which says nothing about the task.
 */
@Singleton
class CompletionModels {
  private final ChatRunner runner;
  private final ProviderCatalog catalog;

  CompletionModels(ChatRunner runner, ProviderCatalog catalog) {
    this.runner = runner;
    this.catalog = catalog;
  }

  /**
   * The call with the model that answers it.
   *
   * @throws dev.coracle.api.openai.OpenAiException 404 for an unknown name
   */
  ChatCall routed(ChatCall call) {
    ChatCall resolved = runner.resolved(call);
    if (!ModelProfiles.DEFAULT.equals(resolved.model())) {
      return resolved;
    }
    String model =
        catalog
            .coderModel()
            .map(coder -> ProviderCatalog.LOCAL_OLLAMA + "/" + coder)
            .orElse(ModelProfiles.profileOf(RequestClass.FAST));
    return resolved.withModel(model);
  }
}
