package dev.coracle.activities.model;

import dev.coracle.activities.providers.ModelInvoker;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Beans for the provider layer, which itself stays free of dependency-injection annotations. */
@Factory
class ProviderBeans {

  /** One invoker per process, so built models and their connection pools are shared. */
  @Singleton
  ModelInvoker modelInvoker() {
    return new ModelInvoker();
  }
}
