package dev.coracle.api;

import java.util.Map;

/**
 * {@code --store}: a SQLite file (a path or {@code jdbc:sqlite:PATH}) is {@code store.path}; any
 * other JDBC URL is {@code store.url}, for the stores that take one (PostgreSQL).
 */
final class StoreOption {
  private static final String SQLITE = "jdbc:sqlite:";

  private StoreOption() {}

  static Map<String, String> variables(String store) {
    if (store.startsWith(SQLITE)) {
      return Map.of("CORACLE_STORE_PATH", store.substring(SQLITE.length()));
    }
    if (!store.startsWith("jdbc:")) {
      return Map.of("CORACLE_STORE_PATH", store);
    }
    return Map.of("CORACLE_STORE_URL", store);
  }
}
