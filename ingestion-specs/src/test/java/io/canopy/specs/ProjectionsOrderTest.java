package io.canopy.specs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Druid 33 persists a real-time projection with its dimensions in the order a {@link HashMap} gives
 * their names, but its rows in the order of {@code groupingColumns} (apache/druid#18380, fixed
 * after 33). Unless the two orders agree, a projection of two or more string dimensions answers
 * with values of the wrong column after a persist or handoff (a test projection listing {@code
 * tenant, country, device, event} answered all of a tenant's events as one country's). So every
 * projection lists its string dimensions in the {@code HashMap} order of their names; today's has
 * one, and this keeps the next one right (docs/events-datasource.md).
 */
class ProjectionsOrderTest {
  private static final Pattern PROJECTION =
      Pattern.compile(
          "\"name\": \"([a-z_]+)\",\\s*\"virtualColumns\".*?\"groupingColumns\": \\[(.*?)]",
          Pattern.DOTALL);
  private static final Pattern STRING_COLUMN =
      Pattern.compile("\\{\"type\": \"string\", \"name\": \"([a-z_]+)\"}");

  @Test
  void everyProjectionListsItsStringDimensionsInTheOrderDruid33PersistsThem() {
    String file = SpecTemplate.load("events/projections.json").render(Map.of());
    Map<String, List<String>> projections = stringDimensions(file);

    // Every projection of the file was read, so none escapes the check.
    assertThat(projections).hasSize(occurrences(file, "\"type\": \"aggregate\""));
    assertThat(projections).containsKey("tenant_minute");
    assertThat(projections.get("tenant_minute")).containsExactly("tenant");
    projections.forEach(
        (name, dimensions) ->
            assertThat(dimensions).as(name).containsExactlyElementsOf(hashMapOrder(dimensions)));
  }

  @Test
  void anOrderThatDruid33WouldScrambleIsCaught() {
    List<String> declared = List.of("tenant", "country", "device", "event");

    assertThat(hashMapOrder(declared)).isNotEqualTo(declared);
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static Map<String, List<String>> stringDimensions(String spec) {
    Map<String, List<String>> out = new HashMap<>();
    Matcher p = PROJECTION.matcher(spec);
    while (p.find()) {
      List<String> names = new ArrayList<>();
      Matcher c = STRING_COLUMN.matcher(p.group(2));
      while (c.find()) {
        names.add(c.group(1));
      }
      out.put(p.group(1), names);
    }
    return out;
  }

  /** The order Druid 33's in-memory projection gives its dimensions: its map's key order. */
  private static List<String> hashMapOrder(List<String> names) {
    Map<String, Boolean> map = new HashMap<>();
    for (String name : names) {
      map.put(name, true);
    }
    return new ArrayList<>(map.keySet());
  }
}
