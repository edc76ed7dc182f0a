package io.canopy.druid.pii.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.pii.PiiModule;
import io.canopy.druid.pii.keys.PiiKeyRing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.apache.druid.data.input.ColumnsFilter;
import org.apache.druid.data.input.InputFormat;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.data.input.InputRowListPlusRawValues;
import org.apache.druid.data.input.InputRowSchema;
import org.apache.druid.data.input.impl.ByteEntity;
import org.apache.druid.data.input.impl.DimensionsSpec;
import org.apache.druid.data.input.impl.TimestampSpec;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.java.util.common.parsers.CloseableIterator;
import org.junit.jupiter.api.Test;

class PiiPolicyInputFormatTest {
  private static final PiiKeyRing KEYS = new PiiKeyRing(Map.of("k1", "k".repeat(32)));
  private static final ObjectMapper MAPPER = druidMapper();
  private static final String SPEC =
      """
      {"type": "canopyPiiPolicy",
       "inputFormat": {"type": "json"},
       "fields": {"user_id": "pseudonymize(k1)", "ip": "truncate_ip", "email": "drop",
                  "contact": "mask_email", "note": "keep"}}""";
  private static final String EVENT =
      """
      {"timestamp": "2026-11-23T12:00:00Z", "user_id": "jane@example.com",
       "ip": "203.0.113.77", "email": "jane@example.com", "contact": "Jane@Example.com",
       "note": "call 415-555-0100", "page": "/pay?card=4111111111111111",
       "unnamed": "ssn 078-05-1120", "nested": {"deep": ["a@b.io", 7]}, "revenue": 12.5}"""
          .replace("\n", " "); // the json format reads one event per line

  private static ObjectMapper druidMapper() {
    ObjectMapper mapper = new DefaultObjectMapper();
    new PiiModule().getJacksonModules().forEach(mapper::registerModule);
    mapper.setInjectableValues(new InjectableValues.Std().addValue(PiiKeyRing.class, KEYS));
    return mapper;
  }

  private static InputFormat format(String json) throws Exception {
    return MAPPER.readValue(json, InputFormat.class);
  }

  private static InputRowSchema schema() {
    return new InputRowSchema(
        new TimestampSpec("timestamp", "iso", null),
        DimensionsSpec.builder()
            .setDimensions(
                DimensionsSpec.getDefaultSchemas(
                    List.of("user_id", "ip", "email", "contact", "note", "page", "unnamed")))
            .build(),
        ColumnsFilter.all());
  }

  private static InputRow readOne(InputFormat format) throws Exception {
    ByteEntity entity = new ByteEntity(EVENT.getBytes(StandardCharsets.UTF_8));
    try (CloseableIterator<InputRow> rows = format.createReader(schema(), entity, null).read()) {
      InputRow row = rows.next();
      assertThat(rows.hasNext()).isFalse();
      return row;
    }
  }

  @Test
  void masksEveryFieldNamedOrNot() throws Exception {
    InputRow row = readOne(format(SPEC));
    assertThat(row.getTimestamp().toString()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(row.getDimension("user_id"))
        .containsExactly(KEYS.pseudonymizer("k1").pseudonymize("jane@example.com"));
    assertThat(row.getRaw("ip")).isEqualTo("203.0.113.0");
    assertThat(row.getRaw("email")).isNull();
    assertThat(row.getDimension("email")).isEmpty();
    assertThat(row.getRaw("contact")).isEqualTo("***@example.com");
    assertThat(row.getRaw("note")).as("keep").isEqualTo("call 415-555-0100");
    assertThat(row.getRaw("page")).as("default: redact").isEqualTo("/pay?card=[CARD]");
    assertThat(row.getRaw("unnamed")).isEqualTo("ssn [SSN]");
    assertThat(row.getRaw("nested")).isEqualTo(Map.of("deep", List.of("[EMAIL]", 7L)));
    assertThat(row.getMetric("revenue").doubleValue()).isEqualTo(12.5);
    assertThat(row.toString()).doesNotContain("jane");
  }

  @Test
  void sampledRawValuesAreMaskedToo() throws Exception {
    ByteEntity entity = new ByteEntity(EVENT.getBytes(StandardCharsets.UTF_8));
    List<InputRowListPlusRawValues> samples = new ArrayList<>();
    try (CloseableIterator<InputRowListPlusRawValues> it =
        format(SPEC).createReader(schema(), entity, null).sample()) {
      it.forEachRemaining(samples::add);
    }
    assertThat(samples).hasSize(1);
    String shown = MAPPER.writeValueAsString(samples.get(0).getRawValues());
    assertThat(shown).doesNotContain("jane", "203.0.113.77", "4111111111111111", "078-05-1120");
    assertThat(samples.get(0).getInputRows().get(0).getRaw("ip")).isEqualTo("203.0.113.0");
  }

  @Test
  void aDefaultActionOfKeepLetsUnnamedFieldsThrough() throws Exception {
    InputRow row =
        readOne(
            format(
                "{\"type\":\"canopyPiiPolicy\",\"inputFormat\":{\"type\":\"json\"},"
                    + "\"fields\":{\"page\":\"redact\"},\"defaultAction\":\"keep\"}"));
    assertThat(row.getRaw("unnamed")).isEqualTo("ssn 078-05-1120");
    assertThat(row.getRaw("page")).isEqualTo("/pay?card=[CARD]");
  }

  @Test
  void roundTripsAndLeavesOutTheDefaultAction() throws Exception {
    InputFormat format = format(SPEC);
    String json = MAPPER.writeValueAsString(format);
    assertThat(json).doesNotContain("defaultAction");
    assertThat(format(json)).isEqualTo(format).hasSameHashCodeAs(format);
    InputFormat explicit = format(SPEC.replace("}}", "}, \"defaultAction\": \"redact\"}"));
    assertThat(MAPPER.writeValueAsString(explicit)).contains("\"defaultAction\":\"redact\"");
    assertThat(explicit).isNotEqualTo(format);
    assertThat(format.isSplittable()).isFalse();
  }

  @Test
  void equalsAndHashCodeCoverTheSpecFieldsOnly() throws Exception {
    EqualsVerifier.forClass(PiiPolicyInputFormat.class)
        .withIgnoredFields("policy") // derived from the other fields
        .withPrefabValues(
            InputFormat.class,
            format("{\"type\":\"json\"}"),
            format("{\"type\":\"csv\",\"columns\":[\"a\"]}"))
        .suppress(Warning.STRICT_INHERITANCE, Warning.NULL_FIELDS)
        .verify();
  }

  @Test
  void badPoliciesAreRefusedWhenTheSpecIsRead() {
    assertThatThrownBy(() -> format(SPEC.replace("pseudonymize(k1)", "pseudonymize(k9)")))
        .hasMessageContaining("no PII key with id [k9]");
    assertThatThrownBy(() -> format(SPEC.replace("truncate_ip", "truncate")))
        .hasMessageContaining("canopyPiiPolicy field [ip]: unknown PII action [truncate]");
    assertThatThrownBy(
            () ->
                format(
                    "{\"type\":\"canopyPiiPolicy\",\"inputFormat\":{\"type\":\"json\"},"
                        + "\"defaultAction\":\"hash\"}"))
        .hasMessageContaining("field [defaultAction]: unknown PII action [hash]");
    assertThatThrownBy(() -> format("{\"type\":\"canopyPiiPolicy\"}"))
        .hasMessageContaining("inputFormat is required");
  }
}
