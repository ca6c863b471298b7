package dev.coracle.api.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Makes the fuzzer's requests from one seed: the same seed gives the same requests, so a failure is
 * reproduced by its seed and index. Each request aims at one of the server's routes (or, now and
 * then, a path or method no route has) with a body broken at the JSON or the byte level.
 */
final class FuzzGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes every character past ASCII as an escape, so lone surrogates reach the server intact. */
  private static final ObjectMapper ESCAPING =
      new ObjectMapper(JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());

  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=fuzz",
          "application/xml",
          "application/octet-stream",
          "application/json; charset=utf-16",
          "application/json; charset=no-such-charset",
          "application/json; charset=ISO-8859-1",
          "*/*",
          "");
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final List<String> PATH_VALUES =
      List.of(
          "job-none",
          "%00",
          "%FF%FE",
          "%ED%A0%80",
          "%F0%9F%98%80",
          "..%2F..%2Fetc%2Fpasswd",
          "-1",
          "null",
          "cloud",
          "coracle",
          "cloud%2Fjob",
          "a".repeat(3000));
  private static final List<String> EXTRA_PATHS =
      List.of(
          "/v1",
          "/v1/nothing",
          "/api",
          "/api/nothing",
          "/mcp/extra",
          "/",
          "/%00",
          "/api/jobs/x/y/z");

  private final long seed;
  private final List<FuzzRoute> routes;
  private final SampleBodies samples;
  private final int maxRequestBytes;
  private final Supplier<List<String>> knownJobIds;
  private final int port;

  /**
   * @param port the server's port, for the Host header of raw messages
   */
  FuzzGenerator(
      long seed,
      List<FuzzRoute> routes,
      SampleBodies samples,
      int maxRequestBytes,
      Supplier<List<String>> knownJobIds,
      int port) {
    this.port = port;
    this.seed = seed;
    this.routes = weighted(routes);
    this.samples = samples;
    this.maxRequestBytes = maxRequestBytes;
    this.knownJobIds = knownJobIds;
  }

  /** Routes that take a body appear three times: they have far more to get wrong than a GET. */
  private static List<FuzzRoute> weighted(List<FuzzRoute> routes) {
    List<FuzzRoute> weighted = new java.util.ArrayList<>();
    for (FuzzRoute route : routes) {
      for (int i = 0; i < (route.takesBody() ? 3 : 1); i++) {
        weighted.add(route);
      }
    }
    return List.copyOf(weighted);
  }

  /** Request number {@code index}: depends only on the seed and the index. */
  FuzzRequest request(int index) {
    Random random = new Random(seed * 1_000_003L + index);
    FuzzRoute route = routes.get(index % routes.size());
    if (random.nextInt(100) < 4) {
      return RawMessages.message(route, port, body(route, random).bytes(), random);
    }
    String method = route.method();
    String path = route.fill(name -> pathValue(name, random));
    String kind = "";
    if (random.nextInt(100) < 6) {
      method = METHODS.get(random.nextInt(METHODS.size()));
      kind = "method " + method + " ";
    }
    if (random.nextInt(100) < 4) {
      path = EXTRA_PATHS.get(random.nextInt(EXTRA_PATHS.size()));
      kind += "unrouted-path ";
    }
    path += query(route, random);
    Map<String, String> headers = headers(random);
    byte[] body = null;
    if (route.takesBody() || random.nextInt(10) == 0) {
      Body made = body(route, random);
      body = made.bytes();
      kind += made.description();
      if (random.nextInt(100) < 15) {
        String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
        headers.put("Content-Type", type);
        kind += " content-type '" + type + "'";
      } else {
        headers.put("Content-Type", "application/json");
      }
    }
    return new FuzzRequest(route.toString(), kind.strip(), method, path, headers, body);
  }

  private record Body(byte[] bytes, String description) {}

  private Body body(FuzzRoute route, Random random) {
    JsonNode sample = samples.sample(route, random);
    String description = "valid";
    if (random.nextInt(100) < 85) {
      JsonMutations.Mutated mutated = JsonMutations.mutate(sample, random);
      sample = mutated.body();
      description = mutated.description();
    }
    if (random.nextBoolean() && sample.isObject() && route.template().contains("chat")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) sample).put("stream", true);
      description += " streamed";
    }
    byte[] bytes = write(random.nextBoolean() ? ESCAPING : JSON, sample);
    if (random.nextInt(100) < 30) {
      RawMutations.Mutated raw = RawMutations.mutate(bytes, maxRequestBytes, random);
      bytes = raw.body();
      description += " " + raw.description();
    }
    return new Body(bytes, description);
  }

  private String pathValue(String name, Random random) {
    List<String> jobs = knownJobIds.get();
    if ("id".equals(name) && !jobs.isEmpty() && random.nextInt(3) == 0) {
      return jobs.get(random.nextInt(jobs.size()));
    }
    if ("model".equals(name) && random.nextBoolean()) {
      return random.nextBoolean() ? "coracle" : "cloud/job";
    }
    return PATH_VALUES.get(random.nextInt(PATH_VALUES.size()));
  }

  private static String query(FuzzRoute route, Random random) {
    if (!"GET".equals(route.method()) || random.nextBoolean()) {
      return "";
    }
    String[] names = {"status", "limit", "cursor", "after"};
    String[] values = {"done", "running,failed", "0", "101", "-5", "abc", "%00", "%FF", "1e9", ""};
    return "?"
        + names[random.nextInt(names.length)]
        + "="
        + values[random.nextInt(values.length)]
        + "&"
        + names[random.nextInt(names.length)]
        + "="
        + values[random.nextInt(values.length)];
  }

  private static Map<String, String> headers(Random random) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextInt(4) == 0) {
      headers.put("Idempotency-Key", "fuzz-" + random.nextInt(50));
    }
    if (random.nextInt(6) == 0) {
      headers.put("Cache-Control", random.nextBoolean() ? "no-cache" : "max-age=-1");
    }
    if (random.nextInt(8) == 0) {
      String[] workspaces = {"relative", "/nonexistent/fuzz", "%00", "", "~/", "C:\\x"};
      headers.put("x-coracle-workspace", workspaces[random.nextInt(workspaces.length)]);
    }
    if (random.nextInt(8) == 0) {
      String[] ids = {"-1", "abc", "99999999999999999999", "3", " "};
      headers.put("Last-Event-ID", ids[random.nextInt(ids.length)]);
    }
    if (random.nextInt(10) == 0) {
      headers.put("Accept", random.nextBoolean() ? "text/event-stream" : "application/xml");
    }
    return headers;
  }

  private static byte[] write(ObjectMapper mapper, JsonNode body) {
    try {
      return mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a generated body is not serializable", e);
    }
  }
}
