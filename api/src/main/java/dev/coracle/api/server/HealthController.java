package dev.coracle.api.server;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /health}: answers as soon as the HTTP API does, for service managers and load
 * balancers. It needs no API key, so it says nothing beyond "up": no version, providers or paths.
 */
@Controller("/health")
public class HealthController {

  @Get
  public HttpResponse<String> health() {
    return HttpResponse.ok("{\"status\":\"ok\"}").contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
