package dev.coracle.api.nativeapi;

import dev.coracle.activities.cache.CacheStats;
import dev.coracle.activities.cache.SemanticCache;
import dev.coracle.activities.config.LoadedConfig;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/cache}: how the semantic cache is doing, and how it is set up. */
@Controller("/api/cache")
public class CacheController {
  private final SemanticCache cache;
  private final LoadedConfig config;

  public CacheController(SemanticCache cache, LoadedConfig config) {
    this.cache = cache;
    this.config = config;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public Map<String, Object> stats() {
    CacheStats stats = cache.stats();
    var settings = config.config().cache();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("enabled", settings.enabled());
    body.put("hits", stats.hits());
    body.put("misses", stats.misses());
    body.put("skipped", stats.skipped());
    body.put("entries", stats.entries());
    body.put("hit_rate", stats.hitRate());
    body.put("similarity", settings.similarity());
    body.put("ttl_hours", settings.ttlHours());
    body.put("max_temperature", settings.maxTemperature());
    return body;
  }
}
