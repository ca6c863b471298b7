package dev.coracle.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.coracle.activities.json.CoracleJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose/compose.yaml} cannot run here (no Docker), so it is checked against the
 * Compose Specification's JSON schema, as {@code docker compose config} would check its shape, and
 * for the services the walkthrough names.
 */
class ComposeFileTest {
  private static final String SCHEMA_BASE =
      "https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json";
  private static final Path COMPOSE = Path.of("..", "deploy", "compose", "compose.yaml");

  @Test
  void compose_file_matches_the_compose_specification() throws IOException {
    List<Error> errors = schema().validate(yaml(Files.readString(COMPOSE)));

    assertThat(errors).as("schema errors").isEmpty();
  }

  @Test
  void compose_file_runs_temporal_on_postgresql_its_ui_an_api_and_a_worker() throws IOException {
    JsonNode services = yaml(Files.readString(COMPOSE)).path("services");

    assertThat(services.path("temporal").path("image").asText())
        .startsWith("temporalio/auto-setup");
    assertThat(services.path("temporal").path("environment").path("DB").asText())
        .isEqualTo("postgres12");
    assertThat(services.path("postgresql").path("image").asText()).startsWith("postgres");
    assertThat(services.path("temporal-ui").path("image").asText()).startsWith("temporalio/ui");
    assertThat(services.path("coracle-api").path("command").get(0).asText()).isEqualTo("api");
    assertThat(services.path("coracle-worker").path("command").get(0).asText()).isEqualTo("worker");
    // Nothing is published beyond this machine.
    services.forEach(
        service ->
            service
                .path("ports")
                .forEach(port -> assertThat(port.asText()).startsWith("127.0.0.1:")));
  }

  @Test
  void schema_rejects_a_service_with_a_misspelt_key() {
    JsonNode broken = yaml("services:\n  api:\n    image: coracle:local\n    comand: [api]\n");

    assertThat(schema().validate(broken))
        .anySatisfy(error -> assertThat(error.getMessage()).contains("comand"));
  }

  /** YAML as the Compose tools read it: anchors, aliases and merge keys resolved. */
  private static JsonNode yaml(String text) {
    Object document = new Yaml(new LoaderOptions()).load(text);
    return CoracleJson.mapper().valueToTree(document);
  }

  private static Schema schema() {
    try (InputStream in =
        ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
      JsonNode node = CoracleJson.mapper().readTree(in);
      // The schema's $id is relative; it needs a base to resolve against (never fetched).
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(SchemaLocation.of(SCHEMA_BASE), node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
