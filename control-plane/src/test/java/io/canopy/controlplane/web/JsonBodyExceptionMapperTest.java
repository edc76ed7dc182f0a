package io.canopy.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.canopy.controlplane.common.InvalidInputException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies Jackson cannot read become a 400 naming the field, for every kind of mistake: a missing or
 * unknown type of a polymorphic object (at any depth) names the type property and lists the types
 * there are; a wrong value type names the field. Never a class name.
 */
class JsonBodyExceptionMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** A polymorphic type shaped like the query model's filter. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Shape.Circle.class, name = "circle"),
    @JsonSubTypes.Type(value = Shape.Group.class, name = "group"),
    @JsonSubTypes.Type(
        value = Shape.Not.class,
        names = {"not", "none"})
  })
  sealed interface Shape {
    record Circle(double radius) implements Shape {}

    record Group(List<Shape> shapes) implements Shape {}

    record Not(Shape shape) implements Shape {}
  }

  /** A value type that checks its text in its creator, as the query model's granularity does. */
  record Size(String name) {
    @JsonCreator
    static Size of(String name) {
      if (!name.equals("small")) {
        throw new InvalidInputException("size", "must be one of small, not " + name);
      }
      return new Size(name);
    }
  }

  record Drawing(String title, Shape shape, int count, Instant at, Size size) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"shape\":{\"kind\":\"square\"}}                                  | shape.kind"
            + "                    | shape.kind must be one of: circle, group, not, none (got \"square\")",
        "{\"shape\":{\"radius\":1}}                                         | shape.kind"
            + "                    | shape.kind is required: one of circle, group, not, none",
        "{\"shape\":{\"kind\":\"group\",\"shapes\":[{\"kind\":\"circle\"},{\"kind\":\"varchar\"}]}}"
            + " | shape.shapes[1].kind | shape.shapes[1].kind must be one of: circle, group, not, none (got \"varchar\")",
        "{\"shape\":{\"kind\":\"not\",\"shape\":{\"kind\":\"group\",\"shapes\":[{}]}}} | shape.shape.shapes[0].kind"
            + " | shape.shape.shapes[0].kind is required: one of circle, group, not, none",
        "{\"shape\":{\"kind\":7}}                                           | shape.kind"
            + "                    | shape.kind must be one of: circle, group, not, none (got \"7\")",
        "{\"count\":\"many\"}                                                | count"
            + "                         | count must be a whole number",
        "{\"title\":{\"a\":1}}                                               | title"
            + "                         | title has the wrong type",
        "{\"at\":\"2026-12-01\"}                                             | at"
            + "                            | at must be an ISO-8601 time with its offset, such as 2026-12-01T00:00:00Z",
        "{\"size\":\"huge\"}                                                 | size"
            + "                          | size must be one of small, not huge",
      })
  void namesTheFieldAndNeverAClass(String body, String field, String error) {
    Response answer = answer(body);

    assertThat(answer.getStatus()).isEqualTo(400);
    ErrorResponse entity = (ErrorResponse) answer.getEntity();
    assertThat(entity.field()).isEqualTo(field);
    assertThat(entity.error()).isEqualTo(error).doesNotContain("io.canopy", "Shape", "java.");
  }

  @Test
  void aNumberPastJacksonsLimitIs400NamingTheBody() {
    Response answer = answer("{\"count\":" + "1".repeat(2_000) + "}");

    ErrorResponse entity = (ErrorResponse) answer.getEntity();
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(entity.field()).isEqualTo("body");
    assertThat(entity.error()).contains("longer than the server reads");
  }

  private static Response answer(String body) {
    try {
      JSON.readValue(body, Drawing.class);
    } catch (JsonProcessingException e) {
      return new JsonBodyExceptionMapper().toResponse(e);
    }
    throw new AssertionError("Jackson read " + body);
  }
}
