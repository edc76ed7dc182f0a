package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.specs.EventsSpecs;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last check before any supervisor spec reaches Druid. Canopy renders specs from its own
 * templates and never accepts Druid JSON from a tenant; this validator makes sure that stays true
 * even if a template, a parameter check or a future code path goes wrong. It refuses the shapes
 * behind Druid's known spec attacks: JavaScript anywhere (CVE-2021-25646), input sources that read
 * files or URLs (CVE-2021-36749), and Kafka consumer properties beyond the bootstrap servers and a
 * SCRAM login whose {@code sasl.jaas.config} Druid reads from its own environment (a JAAS value in
 * the spec could load JNDI, CVE-2023-25194). Thread-safe.
 */
public final class SpecValidator {
  /** Most tasks and replicas a supervisor may ask for. */
  public static final int MAX_TASK_COUNT = 4;

  public static final int MAX_REPLICAS = 2;

  private static final int MAX_SPEC_CHARS = 64 * 1024;
  private static final int MAX_STRING_CHARS = 4 * 1024;
  private static final int MAX_DEPTH = 16;
  private static final Pattern DATASOURCE = Pattern.compile("[a-z][a-z0-9_-]{1,127}");
  private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9._-]{1,200}");
  private static final Set<String> CONSUMER_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "security.protocol",
          "sasl.mechanism",
          "druid.dynamic.config.provider");
  private static final Set<String> PROTOCOLS = Set.of("SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512");
  private static final Pattern LOGIN_VARIABLE =
      Pattern.compile(Pattern.quote(EventsSpecs.KAFKA_LOGIN_VARIABLE));
  private static final Set<String> INPUT_FORMATS = Set.of("json", "canopyPiiPolicy");
  private static final Set<String> TRANSFORMS = Set.of("expression");
  private static final Set<String> FORBIDDEN_FIELDS = Set.of("inputSource", "function", "firehose");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws SpecRejectedException naming the first JSON path at fault
   */
  public void validateSupervisor(String specJson) {
    if (specJson.length() > MAX_SPEC_CHARS) {
      throw new SpecRejectedException("spec", "is longer than " + MAX_SPEC_CHARS + " characters");
    }
    JsonNode spec;
    try {
      spec = JSON.readTree(specJson);
    } catch (JsonProcessingException e) {
      throw new SpecRejectedException("spec", "is not valid JSON");
    }
    walk(spec, "spec", 0);
    require(spec, "spec.type", "kafka");
    JsonNode schema = spec.path("spec").path("dataSchema");
    JsonNode io = spec.path("spec").path("ioConfig");
    matches(schema.path("dataSource"), "spec.spec.dataSchema.dataSource", DATASOURCE);
    matches(io.path("topic"), "spec.spec.ioConfig.topic", TOPIC);
    oneOf(
        io.path("inputFormat").path("type"), "spec.spec.ioConfig.inputFormat.type", INPUT_FORMATS);
    JsonNode inner = io.path("inputFormat").path("inputFormat");
    if (!inner.isMissingNode()) {
      oneOf(inner.path("type"), "spec.spec.ioConfig.inputFormat.inputFormat.type", Set.of("json"));
    }
    consumerProperties(io.path("consumerProperties"));
    atMost(io.path("taskCount"), "spec.spec.ioConfig.taskCount", MAX_TASK_COUNT);
    atMost(io.path("replicas"), "spec.spec.ioConfig.replicas", MAX_REPLICAS);
    JsonNode transforms = schema.path("transformSpec").path("transforms");
    for (int i = 0; i < transforms.size(); i++) {
      oneOf(
          transforms.get(i).path("type"),
          "spec.spec.dataSchema.transformSpec.transforms[" + i + "].type",
          TRANSFORMS);
    }
  }

  /** Everywhere in the tree: no JavaScript, no file or URL readers, bounded sizes and depth. */
  private static void walk(JsonNode node, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SpecRejectedException(path, "is nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isTextual()) {
      if (node.asText().length() > MAX_STRING_CHARS) {
        throw new SpecRejectedException(path, "is longer than " + MAX_STRING_CHARS + " characters");
      }
      if (node.asText().toLowerCase(Locale.ROOT).contains("javascript")) {
        throw new SpecRejectedException(path, "mentions JavaScript, which Canopy never runs");
      }
      if (node.asText().contains("${")) {
        throw new SpecRejectedException(path, "holds '${': an unrendered placeholder or a lookup");
      }
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      String child = path + "." + name;
      if (FORBIDDEN_FIELDS.contains(name) || name.toLowerCase(Locale.ROOT).contains("javascript")) {
        throw new SpecRejectedException(child, "is not allowed in a Canopy spec");
      }
      walk(field.getValue(), child, depth + 1);
    }
    for (int i = 0; i < (node.isArray() ? node.size() : 0); i++) {
      walk(node.get(i), path + "[" + i + "]", depth + 1);
    }
  }

  private static void consumerProperties(JsonNode properties) {
    String path = "spec.spec.ioConfig.consumerProperties";
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!CONSUMER_PROPERTIES.contains(name)) {
        throw new SpecRejectedException(
            path + "." + name,
            "is not allowed: only bootstrap.servers, security.protocol, sasl.mechanism and"
                + " druid.dynamic.config.provider");
      }
    }
    if (properties.has("security.protocol")) {
      oneOf(properties.path("security.protocol"), path + ".security.protocol", PROTOCOLS);
    }
    if (properties.has("sasl.mechanism")) {
      oneOf(properties.path("sasl.mechanism"), path + ".sasl.mechanism", MECHANISMS);
    }
    if (properties.has("druid.dynamic.config.provider")) {
      loginFromEnvironment(
          properties.path("druid.dynamic.config.provider"),
          path + ".druid.dynamic.config.provider");
    }
  }

  /**
   * The one provider allowed: {@code sasl.jaas.config} read from {@value
   * EventsSpecs#KAFKA_LOGIN_VARIABLE}, so no other variable of Druid's can reach a consumer
   * property.
   */
  private static void loginFromEnvironment(JsonNode provider, String path) {
    require(provider, path + ".type", "environment");
    JsonNode variables = provider.path("variables");
    if (provider.size() != 2 || !variables.isObject() || variables.size() != 1) {
      throw new SpecRejectedException(
          path, "must be {type: environment, variables: {sasl.jaas.config: <variable>}}");
    }
    // Only the variable that holds Druid's Kafka login: any other (the internal secret, the
    // operator token, a PII key) would be handed to Kafka's client as a login.
    matches(
        variables.path("sasl.jaas.config"), path + ".variables.sasl.jaas.config", LOGIN_VARIABLE);
  }

  private static void require(JsonNode spec, String path, String expected) {
    if (!expected.equals(spec.path("type").asText())) {
      throw new SpecRejectedException(path, "must be '" + expected + "'");
    }
  }

  private static void matches(JsonNode value, String path, Pattern pattern) {
    if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
      throw new SpecRejectedException(path, "must match " + pattern.pattern());
    }
  }

  private static void oneOf(JsonNode value, String path, Set<String> allowed) {
    if (!value.isTextual() || !allowed.contains(value.asText())) {
      throw new SpecRejectedException(path, "must be one of " + allowed);
    }
  }

  private static void atMost(JsonNode value, String path, int max) {
    if (!value.isMissingNode() && (!value.isInt() || value.asInt() < 1 || value.asInt() > max)) {
      throw new SpecRejectedException(path, "must be a whole number from 1 to " + max);
    }
  }
}
