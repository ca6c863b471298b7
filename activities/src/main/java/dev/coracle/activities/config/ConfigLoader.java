package dev.coracle.activities.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the configuration: built-in defaults, then {@code coracle.yml}, then {@code CORACLE_*}
 * environment variables, then {@code ${VAR}} references resolved from the environment.
 */
public final class ConfigLoader {

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  /** Loads {@code home/coracle.yml} (which may be absent) with the given environment. */
  public static LoadedConfig load(Path home, Map<String, String> env) {
    Path file = home.resolve("coracle.yml");
    ObjectNode tree = readDefaults();
    if (Files.isRegularFile(file)) {
      JsonNode fileTree = readFile(file);
      SecretReferences.rejectLiteralSecrets(fileTree, file);
      JsonMerge.mergeInto(tree, fileTree);
    }
    EnvironmentOverrides.apply(tree, env);
    SecretReferences secrets = SecretReferences.resolve(tree, env);
    CoracleConfig config = bind(tree, file);
    ConfigValidator.validate(config);
    return new LoadedConfig(config, home, file, secrets.unset());
  }

  private static ObjectNode readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("built-in defaults.yml is unreadable", e);
    }
  }

  private static JsonNode readFile(Path file) {
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + ": expected a mapping of keys at the top level");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()), e);
    }
  }

  private static CoracleConfig bind(ObjectNode tree, Path file) {
    try {
      return YAML.treeToValue(tree, CoracleConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          file + ": unknown key '" + e.getPropertyName() + "' at " + path(e), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + firstLine(e.getOriginalMessage()), e);
    }
  }

  private static String path(UnrecognizedPropertyException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
