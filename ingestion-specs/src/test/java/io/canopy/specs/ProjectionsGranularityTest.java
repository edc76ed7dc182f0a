package io.canopy.specs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Druid 33 serves a query from a projection without checking that the query's interval lies on the
 * projection's time buckets (apache/druid#18486, fixed after 33): a projection floored to the hour
 * answers a range from 10:30 with its 10:00 rows left out, and "last 30m" with nothing. Canopy's
 * ranges are whole minutes and the datasource keeps minutes ({@code queryGranularity} {@code
 * MINUTE}), so a projection may be no coarser than a minute until Druid is upgraded
 * (docs/events-datasource.md). An hourly {@code split_hour} projection failed exactly so in CI.
 */
class ProjectionsGranularityTest {
  private static final Pattern FLOOR =
      Pattern.compile("timestamp_floor\\(__time, '([A-Z0-9]+)'\\)");

  @Test
  void everyProjectionKeepsTheMinutesTheDatasourceKeeps() {
    String supervisor =
        EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "events-v1").supervisor();
    List<String> floors = floors(SpecTemplate.load("events/projections.json").render(Map.of()));

    assertThat(supervisor).contains("\"queryGranularity\": \"MINUTE\"");
    assertThat(floors).isNotEmpty().containsOnly("PT1M");
  }

  @Test
  void anHourlyProjectionIsCaught() {
    String hourly = "{\"expression\": \"timestamp_floor(__time, 'PT1H')\"}";

    assertThat(floors(hourly)).containsExactly("PT1H").doesNotContain("PT1M");
  }

  private static List<String> floors(String projections) {
    List<String> out = new ArrayList<>();
    Matcher m = FLOOR.matcher(projections);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
