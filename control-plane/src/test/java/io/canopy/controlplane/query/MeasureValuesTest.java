package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.canopy.controlplane.query.measure.BuiltinMeasures;
import io.canopy.controlplane.query.measure.Measure;
import org.junit.jupiter.api.Test;

/** A measure's value as answered, and its value over no rows. */
class MeasureValuesTest {
  private static Measure m(String name) {
    return BuiltinMeasures.all().get(name);
  }

  @Test
  void anEstimateOfNothingIsNullNeverNaN() {
    assertThat(MeasureValues.value(m("p95_duration_ms"), TextNode.valueOf("NaN"))).isNull();
    assertThat(MeasureValues.value(m("p95_duration_ms"), DoubleNode.valueOf(Double.NaN))).isNull();
    assertThat(MeasureValues.value(m("avg_duration_ms"), TextNode.valueOf("Infinity"))).isNull();
    assertThat(MeasureValues.value(m("p95_duration_ms"), DoubleNode.valueOf(412.5)))
        .isEqualTo(412.5);
  }

  @Test
  void eachMeasureHasAValueOverNoRows() {
    JsonNode none = MissingNode.getInstance();
    assertThat(MeasureValues.value(m("events"), none)).isEqualTo(0L);
    assertThat(MeasureValues.value(m("revenue"), NullNode.getInstance())).isEqualTo(0L);
    assertThat(MeasureValues.value(m("users"), none)).isEqualTo(0.0);
    assertThat(MeasureValues.value(m("p50_duration_ms"), none)).isNull();
    assertThat(MeasureValues.value(m("avg_duration_ms"), none)).isNull();
    assertThat(MeasureValues.value(m("top_pages"), none))
        .isEqualTo(JsonNodeFactory.instance.arrayNode());
  }

  @Test
  void boundsAreLeftOutWhereTheyAreNotNumbers() {
    var row = JsonNodeFactory.instance.objectNode().put("m0_lo", "NaN").put("m0_hi", 3.0);
    assertThat(MeasureValues.bounds(m("p95_duration_ms"), row, "m0")).isNull();
    row.put("m0_lo", 1.0);
    assertThat(MeasureValues.bounds(m("p95_duration_ms"), row, "m0"))
        .isEqualTo(new QueryResult.Bounds(1.0, 3.0));
  }
}
