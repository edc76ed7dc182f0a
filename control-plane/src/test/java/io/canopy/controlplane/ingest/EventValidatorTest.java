package io.canopy.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final EventValidator validator =
      new EventValidator(Duration.ofDays(7), Duration.ofMinutes(10));

  private EventValidator.Outcome validate(String json) throws Exception {
    JsonNode node = JSON.readTree(json);
    return validator.validate(3, node, "acme", NOW);
  }

  @Test
  void acceptsAFullEventAndStampsTenantAndReceiptTime() throws Exception {
    EventValidator.Outcome o =
        validate(
            """
            {"event":"purchase","timestamp":"2026-11-23T13:30:00+02:00","user_id":"u1",
             "country":"US","device":"mobile","campaign":"c","page":"/pricing","referrer":"r",
             "revenue":12.5,"duration_ms":340,"properties":{"plan":"pro"}}""");

    assertThat(o.accepted()).isTrue();
    JsonNode stored = JSON.readTree(o.event().payload());
    assertThat(stored.get("timestamp").asText()).isEqualTo("2026-11-23T11:30:00Z");
    assertThat(stored.get("tenant").asText()).isEqualTo("acme");
    assertThat(stored.get("received_at").asText()).isEqualTo(NOW.toString());
    assertThat(stored.get("revenue").asDouble()).isEqualTo(12.5);
    assertThat(stored.get("duration_ms").asInt()).isEqualTo(340);
    assertThat(stored.get("properties").get("plan").asText()).isEqualTo("pro");
    assertThat(stored.get("page").asText()).isEqualTo("/pricing");
    assertThat(new String(o.event().key(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("u1");
  }

  @Test
  void onlyEventAndTimestampAreRequiredAndAnEventWithoutUserHasNoKey() throws Exception {
    EventValidator.Outcome o =
        validate("{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"user_id\":null}");

    assertThat(o.accepted()).isTrue();
    assertThat(o.event().key()).isNull();
    assertThat(JSON.readTree(o.event().payload()).has("user_id")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[1,2]                                                           | (event)     | must be a JSON object",
        "{\"timestamp\":\"2026-11-23T11:59:00Z\"}                        | event       | is required",
        "{\"event\":\"click\"}                                           | timestamp   | is required",
        "{\"event\":null,\"timestamp\":\"2026-11-23T11:59:00Z\"}         | event       | is required",
        "{\"event\":7,\"timestamp\":\"2026-11-23T11:59:00Z\"}            | event       | must be a string",
        "{\"event\":\"a b\",\"timestamp\":\"2026-11-23T11:59:00Z\"}      | event       | must be 1-64 characters",
        "{\"event\":\"click\",\"timestamp\":\"yesterday\"}               | timestamp   | must be an ISO-8601",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00\"}     | timestamp   | must be an ISO-8601",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-01T00:00:00Z\"}    | timestamp   | more than 168 hours in the past",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T12:11:00Z\"}    | timestamp   | more than 10 minutes in the future",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"revenue\":\"12\"}     | revenue     | must be a number",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"revenue\":1e13}       | revenue     | between -1e12 and 1e12",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"duration_ms\":-1}     | duration_ms | between 0 and 1e10",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"user_id\":42}         | user_id     | must be a string",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"properties\":[1]}     | properties  | must be a JSON object",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"tenant\":\"other\"}   | tenant      | set by the server",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"received_at\":\"x\"}  | received_at | set by the server",
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"pgae\":\"/\"}         | pgae        | not a known field",
      })
  void rejectsWithTheFieldAndReason(String json, String field, String reason) throws Exception {
    EventValidator.Outcome o = validate(json);

    assertThat(o.accepted()).isFalse();
    assertThat(o.rejection().index()).isEqualTo(3);
    assertThat(o.rejection().field()).isEqualTo(field);
    assertThat(o.rejection().reason()).contains(reason);
  }

  @Test
  void limitsStringLengthAndTheStoredEventSize() throws Exception {
    String longPage = "/" + "p".repeat(2048);
    EventValidator.Outcome page =
        validate(
            "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"page\":\""
                + longPage
                + "\"}");
    String bigProps = "{\"k\":\"" + "v".repeat(17_000) + "\"}";
    EventValidator.Outcome props =
        validate(
            "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"properties\":"
                + bigProps
                + "}");

    assertThat(page.rejection().reason()).isEqualTo("is longer than 2048 characters");
    assertThat(props.rejection().field()).isEqualTo("(event)");
    assertThat(props.rejection().reason()).isEqualTo("is larger than 16384 bytes as JSON");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUL in page                 | {\"page\":\"/a\\u0000b\"}                   | page",
        "lone surrogate in campaign  | {\"campaign\":\"x\\uD800\"}                | campaign",
        "NUL deep in properties      | {\"properties\":{\"a\":[{\"b\":\"\\u0000\"}]}} | properties",
        "NUL in a property's name    | {\"properties\":{\"a\\u0000\":1}}           | properties",
      })
  void nulAndLoneSurrogatesAreRejectedNamingTheField(String what, String extra, String field)
      throws Exception {
    String event =
        "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\","
            + extra.substring(1, extra.length() - 1)
            + "}";
    EventValidator.Outcome o = validate(event);

    assertThat(o.accepted()).as(what).isFalse();
    assertThat(o.rejection().field()).isEqualTo(field);
    assertThat(o.rejection().reason()).startsWith("must not contain");
  }

  @Test
  void aPairedSurrogateIsText() throws Exception {
    EventValidator.Outcome o =
        validate(
            "{\"event\":\"click\",\"timestamp\":\"2026-11-23T11:59:00Z\",\"page\":\"/\\uD83D\\uDE00\"}");

    assertThat(o.accepted()).isTrue();
  }
}
