package io.canopy.controlplane.datasource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.datasource.db.ThawDao;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.specs.RetentionPreset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thaw: a cold interval of a dedicated datasource loaded back onto the default tier for a while.
 * Each active thaw is a {@code loadByInterval} rule placed before the preset's rules; when it
 * expires the control plane posts the rules without it and Druid unloads the interval again.
 * Thread-safe.
 */
public final class ThawService {
  private static final Logger LOG = LoggerFactory.getLogger(ThawService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT = Duration.ofHours(24);
  private static final Duration SHORTEST = Duration.ofMinutes(1);
  private static final Duration LONGEST = Duration.ofDays(7);

  private final DatasourceDao datasources;
  private final ThawDao thaws;
  private final DruidClient druid;
  private final Clock clock;

  public ThawService(DatasourceDao datasources, ThawDao thaws, DruidClient druid, Clock clock) {
    this.datasources = datasources;
    this.thaws = thaws;
    this.druid = druid;
    this.clock = clock;
  }

  /**
   * Loads {@code intervalText} of a cold datasource back for {@code durationText} (ISO-8601, null
   * for the default).
   */
  public ThawState thaw(Datasource datasource, String intervalText, String durationText) {
    datasource.requireNotDeleting();
    ThawInterval interval = ThawInterval.parse(intervalText, clock.instant());
    RetentionPreset preset = RetentionPreset.byId(datasource.preset()).orElseThrow();
    Instant kept = preset.cutoff(clock.instant());
    if (interval.start().isBefore(kept)) {
      throw new InvalidInputException(
          "interval",
          "starts before "
              + kept
              + ": preset '"
              + preset.id()
              + "' keeps "
              + preset.deepStorage().getDays()
              + " days in deep storage, and older data is deleted");
    }
    Duration duration = duration(durationText);
    UUID id = UUID.randomUUID();
    thaws.insert(
        id,
        datasource.id(),
        interval.druid(),
        clock.instant().plus(duration).atOffset(ZoneOffset.UTC));
    try {
      postRules(datasource);
    } catch (RuntimeException e) {
      thaws.markExpired(id); // never took effect: not listed as active, nothing to expire
      throw e;
    }
    return list(datasource).stream()
        .filter(t -> t.interval().equals(interval.druid()) && !t.expired())
        .findFirst()
        .orElseThrow();
  }

  /** The datasource's thaws, newest first, with the segments loaded for the active ones. */
  public List<ThawState> list(Datasource datasource) {
    List<Thaw> rows = thaws.recent(datasource.id());
    JsonNode segments =
        rows.stream().anyMatch(r -> r.expiredAt() == null)
            ? druid.sql(
                "SELECT \"start\", \"end\", is_available FROM sys.segments"
                    + " WHERE datasource = ? AND is_published = 1 AND is_overshadowed = 0",
                datasource.druidName())
            : JSON.createArrayNode();
    return rows.stream().map(row -> view(row, segments)).toList();
  }

  /**
   * Removes the rules of thaws past their expiry; runs every 15 s (a {@code PeriodicJob}). A thaw
   * is marked expired only once Druid took the rules without it, so a failure is retried.
   */
  public void expireDue() {
    for (Thaw due : thaws.due()) {
      datasources
          .find(due.datasourceId())
          .filter(
              ds ->
                  ds.status() != DatasourceStatus.DELETED
                      && ds.status() != DatasourceStatus.DELETING)
          .ifPresent(this::postRules);
      thaws.markExpired(due.id());
      LOG.info("Thaw of {} expired; its load rule is removed", due.interval());
    }
  }

  /** The preset's rules, with one load rule per active thaw in front of them. */
  private void postRules(Datasource datasource) {
    try {
      ArrayNode rules = JSON.createArrayNode();
      for (Thaw thaw : thaws.active(datasource.id())) {
        rules
            .addObject()
            .put("type", "loadByInterval")
            .put("interval", thaw.interval())
            .putObject("tieredReplicants")
            .put("_default_tier", 1);
      }
      String preset = RetentionPreset.byId(datasource.preset()).orElseThrow().loadRules();
      rules.addAll((ArrayNode) JSON.readTree(preset));
      druid.postLoadRules(datasource.druidName(), JSON.writeValueAsString(rules));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a preset is not a JSON array", e);
    }
  }

  private static ThawState view(Thaw row, JsonNode segments) {
    ThawInterval interval = ThawInterval.parse(row.interval(), Instant.MAX);
    int total = 0;
    int loaded = 0;
    if (row.expiredAt() == null) {
      for (JsonNode segment : segments) {
        if (interval.overlaps(segment.path("start").asText(), segment.path("end").asText())) {
          total++;
          loaded += segment.path("is_available").asInt();
        }
      }
    }
    return new ThawState(
        row.interval(), row.createdAt(), row.expiresAt(), row.expiredAt() != null, total, loaded);
  }

  private static Duration duration(String text) {
    if (text == null) {
      return DEFAULT;
    }
    try {
      Duration duration = Duration.parse(text);
      if (duration.compareTo(SHORTEST) >= 0 && duration.compareTo(LONGEST) <= 0) {
        return duration;
      }
    } catch (RuntimeException e) {
      // answered below
    }
    throw new InvalidInputException(
        "duration", "must be an ISO-8601 duration from PT1M to P7D, not '" + text + "'");
  }
}
