package io.canopy.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecTemplateTest {

  @Test
  void rendersEveryPlaceholderOfTheSupervisorTemplate() {
    EventsSpecs specs =
        EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "events-v1");

    assertThat(specs.supervisor())
        .contains("\"dataSource\": \"events\"")
        .contains("\"topic\": \"canopy-events\"")
        .contains("\"bootstrap.servers\": \"127.0.0.1:9092\"")
        .doesNotContain("${");
    // Druid logs in to Kafka from its own environment: the spec names the variable, no password.
    assertThat(specs.supervisor())
        .contains("\"security.protocol\": \"SASL_PLAINTEXT\"")
        .contains("\"sasl.mechanism\": \"SCRAM-SHA-512\"")
        .contains("\"sasl.jaas.config\": \"" + EventsSpecs.KAFKA_LOGIN_VARIABLE + "\"")
        .doesNotContain("password");
    assertThat(specs.compaction()).contains("\"dataSource\": \"events\"").doesNotContain("${");
    assertThat(specs.loadRules()).contains("\"hot\": 1").doesNotContain("${");
  }

  /** The supervisor, the compaction config and an erasure task: everything that writes segments. */
  private static List<String> segmentWriters() {
    EventsSpecs specs =
        EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "events-v1");
    String erasure =
        ErasureSpec.render("canopy-erasure-acme-0-0", "events", "2026-11-21/2026-11-22", "acme");
    return List.of(specs.supervisor(), specs.compaction(), erasure);
  }

  @Test
  void theSupervisorCompactionAndErasureShareOneProjectionsFile() {
    for (String spec : segmentWriters()) {
      assertThat(spec).contains("\"name\": \"tenant_minute\"").doesNotContain("$include");
    }
  }

  @Test
  void everyTaskThatMergesADayOfPersistsWritesThemUncompressedAndMergesInPhases() {
    for (String spec : segmentWriters()) {
      assertThat(spec)
          .contains("\"maxColumnsToMerge\": 2000")
          .contains("\"dimensionCompression\": \"uncompressed\"")
          .contains("\"metricCompression\": \"none\"");
    }
  }

  @Test
  void erasureTaskKeepsEveryRowButTheTenantsAndDropsEmptiedIntervals() {
    String task =
        ErasureSpec.render("canopy-erasure-acme-0-0", "events", "2026-11-21/2026-11-22", "acme");

    assertThat(task)
        .contains("\"type\": \"compact\"")
        .contains("\"id\": \"canopy-erasure-acme-0-0\"")
        .contains("\"interval\": \"2026-11-21/2026-11-22\"")
        .contains("\"matchValue\": \"acme\"")
        .contains("\"dropExisting\": true")
        .doesNotContain("${");
  }

  @Test
  void parametersAreJsonEscapedSoTheyCannotChangeTheSpecStructure() {
    String hostile = "x\", \"type\": \"javascript";
    String rendered =
        SpecTemplate.load("events/compaction.json").render(Map.of("datasource", hostile));

    assertThat(rendered).contains("\"dataSource\": \"x\\\", \\\"type\\\": \\\"javascript\"");
  }

  @Test
  void missingParameterIsNamed() {
    assertThatThrownBy(() -> SpecTemplate.load("events/compaction.json").render(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'datasource'");
  }

  @Test
  void unusedParameterIsRefused() {
    assertThatThrownBy(
            () ->
                SpecTemplate.load("events/compaction.json")
                    .render(Map.of("datasource", "events", "topci", "t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topci");
  }

  @Test
  void unknownTemplateFailsWithItsPath() {
    assertThatThrownBy(() -> SpecTemplate.load("events/nope.json"))
        .hasMessageContaining("ingestion-specs/events/nope.json");
  }

  @Test
  void listsTheParametersATemplateTakes() {
    assertThat(SpecTemplate.load("events/supervisor.json").parameterNames())
        .containsExactly(
            "datasource",
            "kafkaBootstrap",
            "kafkaLoginVariable",
            "kafkaSecurityProtocol",
            "piiKeyId",
            "topic");
  }
}
