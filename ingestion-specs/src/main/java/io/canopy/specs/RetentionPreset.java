package io.canopy.specs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The retention presets a dedicated datasource can choose, each a file of Druid load rules in
 * {@code ingestion-specs/presets/}. Every preset keeps recent data on the {@code hot} tier and the
 * default tier, older data on the default tier only, and drops the rest from the historicals; the
 * segments stay in deep storage until the datasource is deleted.
 */
public enum RetentionPreset {
  /** 1 day hot, 7 days on the default tier. */
  SHORT,
  /** 7 days hot, 90 days on the default tier. */
  STANDARD,
  /** 7 days hot, 365 days on the default tier. */
  LONG;

  /** The preset's name in requests and files, e.g. {@code standard}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The load rules, for {@code POST /druid/coordinator/v1/rules/{datasource}}. */
  public String loadRules() {
    return SpecTemplate.load("presets/" + id() + ".json").render(Map.of());
  }

  public static Optional<RetentionPreset> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(RetentionPreset::id).toList();
  }
}
