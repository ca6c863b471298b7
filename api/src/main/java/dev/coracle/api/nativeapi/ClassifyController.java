package dev.coracle.api.nativeapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.classify.TieredClassifier;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.api.openai.RequestText;
import dev.coracle.workflows.chat.Classification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/classify {"text": "..."}}: what coracle would make of a request, without running
 * it. The in-process tiers only: this never touches a model.
 */
@Controller("/api/classify")
public class ClassifyController {
  private final TieredClassifier classifier;

  public ClassifyController(TieredClassifier classifier) {
    this.classifier = classifier;
  }

  @Post
  @Consumes(MediaType.ALL)
  public Map<String, Object> classify(@Nullable @Body String body) {
    String text = text(body);
    long started = System.nanoTime();
    Classification verdict = classifier.classify(text);
    double latencyMs = (System.nanoTime() - started) / 1_000_000.0;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("class", verdict.requestClass().wireName());
    response.put("confidence", verdict.confidence());
    response.put("tier", verdict.tier());
    response.put("reason", verdict.reason());
    response.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
    return response;
  }

  private static String text(String body) {
    JsonNode text = JsonBody.readObject(body).get("text");
    if (text == null || !text.isTextual()) {
      throw OpenAiException.invalid("text", "'text' must be a string");
    }
    return RequestText.clean(text.asText());
  }
}
