package dev.coracle.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:default}} in string values from the environment. An
 * unset variable without a default becomes an empty string and is remembered, so start-up can say
 * "groq: GROQ_API_KEY is not set" instead of failing.
 */
public final class SecretReferences {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final Map<String, String> unset = new LinkedHashMap<>();

  private SecretReferences() {}

  static SecretReferences resolve(ObjectNode tree, Map<String, String> env) {
    SecretReferences references = new SecretReferences();
    references.walk(tree, "", env);
    return references;
  }

  /** Config path (e.g. {@code providers.groq.api-key}) to the unset variable it referred to. */
  Map<String, String> unset() {
    return Map.copyOf(unset);
  }

  /**
   * One text with its references resolved the same way, for other files that take {@code ${VAR}}
   * (e.g. {@code mcp.yml}); null stays null.
   */
  public static String resolveText(String text, Map<String, String> env) {
    return text == null ? null : substitute(text, env, variable -> {});
  }

  /** True when the text refers to the environment rather than holding a literal value. */
  static boolean isReference(String text) {
    return text != null && REFERENCE.matcher(text).find();
  }

  private void walk(JsonNode node, String path, Map<String, String> env) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child.isTextual()) {
          object.set(name, new TextNode(substitute(child.asText(), join(path, name), env)));
        } else {
          walk(child, join(path, name), env);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        String childPath =
            join(path, child.hasNonNull("name") ? child.get("name").asText() : "" + i);
        if (child.isTextual()) {
          array.set(i, new TextNode(substitute(child.asText(), childPath, env)));
        } else {
          walk(child, childPath, env);
        }
      }
    }
  }

  private String substitute(String text, String path, Map<String, String> env) {
    return substitute(text, env, variable -> unset.put(path, variable));
  }

  private static String substitute(String text, Map<String, String> env, Consumer<String> onUnset) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      if (value == null || value.isEmpty()) {
        value = matcher.group(2);
      }
      if (value == null) {
        onUnset.accept(matcher.group(1));
        value = "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /**
   * Secrets come only from the environment: an {@code api-key} written out in the file is refused,
   * so a config file can be shared or committed without leaking a key.
   */
  static void rejectLiteralSecrets(JsonNode fileTree, java.nio.file.Path file) {
    rejectLiteralStorePassword(fileTree, file);
    for (SingleSecret secret : SINGLE_SECRETS) {
      secret.rejectLiteral(fileTree, file);
    }
    JsonNode providers = fileTree.get("providers");
    if (providers == null || !providers.isArray()) {
      return;
    }
    for (JsonNode provider : providers) {
      JsonNode key = provider.get("api-key");
      if (key != null && key.isTextual() && !key.asText().isEmpty() && !isReference(key.asText())) {
        String name = provider.path("name").asText("?");
        throw new ConfigException(
            file
                + ": providers["
                + name
                + "].api-key holds a literal key; secrets come only from the environment,"
                + " e.g. api-key: \"${"
                + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                + "_API_KEY}\"");
      }
    }
  }

  /**
   * The keys outside {@code providers} that hold a secret, each with the variable coracle already
   * reads for it, so the refusal can name the fix.
   */
  private static final List<SingleSecret> SINGLE_SECRETS =
      List.of(
          new SingleSecret(List.of("server", "api-key"), "CORACLE_API_KEY"),
          new SingleSecret(List.of("temporal", "api-key"), "CORACLE_TEMPORAL_API_KEY"),
          new SingleSecret(
              List.of("tools", "web", "search", "api-key"), "CORACLE_TOOLS_WEB_SEARCH_API_KEY"));

  /** One secret at a fixed path in the file, e.g. {@code server.api-key}. */
  private record SingleSecret(List<String> path, String variable) {
    void rejectLiteral(JsonNode fileTree, java.nio.file.Path file) {
      JsonNode node = fileTree;
      for (String name : path) {
        node = node.path(name);
      }
      String value = node.isTextual() ? node.asText() : "";
      if (!value.isEmpty() && !isReference(value)) {
        throw new ConfigException(
            file
                + ": "
                + String.join(".", path)
                + " holds a literal secret; secrets come only from the environment, e.g. set "
                + variable
                + " or write "
                + path.get(path.size() - 1)
                + ": \"${"
                + variable
                + "}\"");
      }
    }
  }

  /** The store's password, in its own key or in the URL, comes only from the environment too. */
  private static void rejectLiteralStorePassword(JsonNode fileTree, java.nio.file.Path file) {
    JsonNode store = fileTree.path("store");
    String password = store.path("password").asText("");
    String url = store.path("url").asText("");
    boolean literalPassword = !password.isEmpty() && !isReference(password);
    boolean literalInUrl =
        !isReference(url)
            && (url.toLowerCase(java.util.Locale.ROOT).contains("password=")
                || url.matches("(?s)jdbc:[a-z]+://[^/@]*:[^/@]*@.*"));
    if (literalPassword || literalInUrl) {
      throw new ConfigException(
          file
              + ": store holds a literal password; secrets come only from the environment,"
              + " e.g. password: \"${CORACLE_STORE_PASSWORD}\"");
    }
  }
}
