package dev.coracle.activities.model;

import dev.coracle.activities.providers.ProviderEndpoint;
import dev.coracle.activities.providers.ProviderKind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A provider as configured: how to reach it, its models, and whether it runs on this machine.
 *
 * @param missingKeyVariable the environment variable its API key should come from, when unset
 */
public record ConfiguredProvider(
    ProviderEndpoint endpoint, List<String> models, boolean local, String missingKeyVariable) {

  public String name() {
    return endpoint.name();
  }

  public ProviderKind kind() {
    return endpoint.kind();
  }

  /** Why this provider cannot be called for want of credentials, or empty when it can. */
  public Optional<String> credentialProblem() {
    if (hasUsableCredentials()) {
      return Optional.empty();
    }
    return Optional.of(
        missingKeyVariable != null ? missingKeyVariable + " is not set" : "no API key configured");
  }

  /** Servers on this machine (LM Studio, llama.cpp) need no key; remote ones do. */
  public boolean hasUsableCredentials() {
    return !endpoint.apiKey().isEmpty()
        || kind() == ProviderKind.OLLAMA
        || kind() == ProviderKind.BROWSER
        || isLoopback();
  }

  private boolean isLoopback() {
    try {
      String host = URI.create(endpoint.baseUrl()).getHost();
      return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
