package io.canopy.controlplane.datasource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.config.DruidConfig;
import io.canopy.specs.EventsSpecs;
import io.canopy.specs.RetentionPreset;
import java.util.List;
import java.util.Set;

/**
 * Renders a dedicated datasource's Druid documents server-side from the {@code events} templates:
 * the same schema and PII policy as the pooled datasource, its own topic and datasource name, the
 * chosen retention preset's load rules, and extra dimensions read from {@code properties.<name>} of
 * each event. Tenants choose only from these parameters; they never send Druid JSON.
 */
public final class DedicatedSpecs {
  /** Event properties a tenant may make dimensions of its dedicated datasource. */
  public static final Set<String> EXTRA_DIMENSIONS =
      Set.of("plan", "variant", "app_version", "os", "locale", "experiment");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DedicatedSpecs() {}

  /** The supervisor spec, load rules and compaction config, in that order. */
  public record Rendered(String supervisor, String loadRules, String compaction) {}

  public static Rendered render(
      String druidName,
      String topic,
      RetentionPreset preset,
      List<String> dimensions,
      DruidConfig druid) {
    EventsSpecs events =
        EventsSpecs.render(
            druidName, topic, druid.kafkaBootstrap, druid.piiKeyId, druid.kafkaSecurityProtocol);
    return new Rendered(
        withDimensions(events.supervisor(), dimensions), preset.loadRules(), events.compaction());
  }

  private static String withDimensions(String supervisor, List<String> dimensions) {
    if (dimensions.isEmpty()) {
      return supervisor;
    }
    try {
      ObjectNode spec = (ObjectNode) JSON.readTree(supervisor);
      ObjectNode inner = spec.withObjectProperty("spec");
      ArrayNode dims =
          (ArrayNode)
              inner
                  .withObjectProperty("dataSchema")
                  .withObjectProperty("dimensionsSpec")
                  .get("dimensions");
      ObjectNode flatten =
          inner
              .withObjectProperty("ioConfig")
              .withObjectProperty("inputFormat")
              .withObjectProperty("inputFormat")
              .putObject("flattenSpec");
      flatten.put("useFieldDiscovery", true);
      ArrayNode fields = flatten.putArray("fields");
      for (String dimension : dimensions) {
        dims.add(dimension);
        fields
            .addObject()
            .put("type", "path")
            .put("name", dimension)
            .put("expr", "$.properties." + dimension);
      }
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("the events supervisor template changed shape", e);
    }
  }
}
