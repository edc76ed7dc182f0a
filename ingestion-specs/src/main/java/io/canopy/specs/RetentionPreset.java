package io.canopy.specs;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The retention presets a dedicated datasource can choose (the pooled {@code events} datasource
 * uses {@link #STANDARD}), each the Druid load rules in {@code ingestion-specs/presets/<id>.json}:
 *
 * <ul>
 *   <li><b>hot</b>: recent data on the {@code hot} tier and the default tier;
 *   <li><b>warm</b>: then on the default tier only, up to {@link #loaded()};
 *   <li><b>cold</b>: then in deep storage only, still used but loaded by no historical (a rule with
 *       zero replicas), up to {@link #deepStorage()}; a thaw loads a cold interval back;
 *   <li>then {@code dropForever}, which marks the segments unused, and the control plane's
 *       retention job kills them: they are deleted from deep storage.
 * </ul>
 */
public enum RetentionPreset {
  /** 1 day hot, 7 days on the default tier, 90 days in deep storage. */
  SHORT(Period.ofDays(7), Period.ofDays(90)),
  /** 7 days hot, 90 days on the default tier, 1 year in deep storage. */
  STANDARD(Period.ofDays(90), Period.ofDays(365)),
  /** 7 days hot, 365 days on the default tier, 3 years in deep storage. */
  LONG(Period.ofDays(365), Period.ofDays(3 * 365));

  private final Period loaded;
  private final Period deepStorage;

  RetentionPreset(Period loaded, Period deepStorage) {
    this.loaded = loaded;
    this.deepStorage = deepStorage;
  }

  /** How far back data stays loaded on historicals (queryable): the last load rule's period. */
  public Period loaded() {
    return loaded;
  }

  /** How far back data is kept at all; older segments are deleted from deep storage. */
  public Period deepStorage() {
    return deepStorage;
  }

  /** The preset's name in requests and files, e.g. {@code standard}. */
  /**
   * The oldest instant this preset keeps on {@code now}: the start of today (UTC) less {@link
   * #deepStorage()}. Everything before it is deleted.
   */
  public Instant cutoff(Instant now) {
    return now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minus(deepStorage()).toInstant();
  }

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
