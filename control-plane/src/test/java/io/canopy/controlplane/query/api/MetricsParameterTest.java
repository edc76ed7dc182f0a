package io.canopy.controlplane.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/** /v1/metrics names the parameter a caller sent, not the query model's field it became. */
class MetricsParameterTest {
  @Test
  void aModelFieldIsNamedAsTheParameterItCameFrom() {
    assertThat(MetricsResource.parameter("measures[0]")).isEqualTo("name");
    assertThat(MetricsResource.parameter("splits[1].dimension")).isEqualTo("group_by");
    assertThat(MetricsResource.parameter("range.timeZone")).isEqualTo("tz");
    assertThat(MetricsResource.parameter("range.relative")).isEqualTo("range");
    assertThat(MetricsResource.parameter("filter.filters[0].dimension")).isEqualTo("filter");
    assertThat(MetricsResource.parameter("granularity")).isEqualTo("granularity");
  }

  @Test
  void theRefusalReadsWithTheParametersName() {
    InvalidInputException e =
        new InvalidInputException("measures[0]", "is no measure: pageviews").as("name");

    assertThat(e.field()).isEqualTo("name");
    assertThat(e.getMessage()).isEqualTo("name is no measure: pageviews");
    assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.INVALID);
  }
}
