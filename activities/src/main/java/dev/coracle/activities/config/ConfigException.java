package dev.coracle.activities.config;

/** A configuration problem, with a message that tells the user what to change. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
