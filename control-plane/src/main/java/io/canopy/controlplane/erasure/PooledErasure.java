package io.canopy.controlplane.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.DruidException;
import io.canopy.controlplane.druid.DruidTasks;
import io.canopy.controlplane.erasure.db.ErasureDao;
import io.canopy.controlplane.erasure.db.ErasureRow;
import io.canopy.specs.ErasureSpec;
import io.canopy.specs.EventsSpecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of a deleted tenant's rows from the pooled events datasource, which other tenants share:
 * its days are rewritten by compaction tasks that keep every row but the tenant's. Each run of
 * {@link #advanceAll()} takes every pending erasure one step: follow the pass under way, or plan
 * the next one with {@link ErasurePlanner} from what Druid shows, until SQL finds no row of the
 * tenant and the cold days were rewritten once. Every step is idempotent, so any number of
 * control-plane instances may run it.
 */
public final class PooledErasure {
  private static final Logger LOG = LoggerFactory.getLogger(PooledErasure.class);

  /** How often streaming tasks holding the tenant's rows are asked again to hand off. */
  private static final Duration HANDOFF_EVERY = Duration.ofMinutes(1);

  /** {@code sys.segments} shows times with milliseconds; compared as text, so must match it. */
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ErasureDao erasures;
  private final DruidClient druid;
  private final DruidTasks tasks;
  private final String datasource;
  private final Duration maxPast;
  private final Duration maxFuture;
  private final Clock clock;

  /**
   * @param maxPast, maxFuture how far before and after its receipt ingest accepts an event's
   *     timestamp: they bound where a tenant's rows can be
   */
  public PooledErasure(
      ErasureDao erasures,
      DruidClient druid,
      String datasource,
      Duration maxPast,
      Duration maxFuture,
      Clock clock) {
    this.erasures = erasures;
    this.druid = druid;
    this.tasks = druid.tasks();
    this.datasource = datasource;
    this.maxPast = maxPast;
    this.maxFuture = maxFuture;
    this.clock = clock;
  }

  /**
   * Requests the erasure of a just-deleted tenant's rows, which are no older than its creation less
   * the ingest window; requesting again changes nothing.
   */
  public void request(UUID tenantId, String tenantSlug, Instant tenantCreatedAt) {
    Instant start = Span.dayOf(tenantCreatedAt.minus(maxPast)).start();
    Instant end =
        clock.instant().plus(maxFuture).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    erasures.request(tenantId, tenantSlug, datasource, utc(start), utc(end));
  }

  /** The tenant's erasure, if it was deleted. */
  public Optional<ErasureProgress> find(UUID tenantId) {
    return erasures
        .find(tenantId)
        .map(
            e ->
                new ErasureProgress(
                    e.state(),
                    e.datasource(),
                    e.requestedAt(),
                    e.completedAt(),
                    e.passes(),
                    e.lastError()));
  }

  /** Takes every pending erasure one step; a failure leaves it for the next run. */
  public void advanceAll() {
    for (ErasureRow row : erasures.pending()) {
      try {
        advance(row);
      } catch (DruidException e) {
        LOG.warn("Erasure of tenant {} waits for Druid: {}", row.tenantSlug(), e.getMessage());
      }
    }
  }

  private void advance(ErasureRow row) {
    if (!row.taskIds().isEmpty()) {
      follow(row);
      return;
    }
    Instant loadedSince = clock.instant().minus(EventsSpecs.POOLED_PRESET.loaded());
    ErasureStep step =
        ErasurePlanner.plan(segments(row), tenantHours(row), row.coldDone(), loadedSince);
    if (step instanceof ErasureStep.Compact compact) {
      start(row, compact);
    } else if (step instanceof ErasureStep.Wait wait) {
      LOG.debug("Erasure of tenant {} waits: {}", row.tenantSlug(), wait.reason());
    } else {
      finish(row);
    }
  }

  /**
   * No row of the tenant is left in what Druid serves; the versions the passes replaced still hold
   * them in deep storage. They are marked unused and killed, and then the erasure is done.
   */
  private void finish(ErasureRow row) {
    List<String> replaced = new ArrayList<>();
    inRange(row, "segment_id", "is_overshadowed = 1")
        .forEach(segment -> replaced.add(segment.path("segment_id").asText()));
    if (!replaced.isEmpty()) {
      tasks.markUnused(row.datasource(), replaced);
    }
    String range = new Span(row.rangeStart(), row.rangeEnd()).toString();
    if (tasks.hasUnused(row.datasource(), range)) {
      String kill = taskId(row, "kill");
      if (erasures.startPass(row.tenantId(), new String[] {kill}, false)) {
        tasks.kill(kill, row.datasource(), range);
        LOG.info("Erasure of tenant {}: deleting replaced segments of {}", row.tenantSlug(), range);
      }
      return;
    }
    erasures.markDone(row.tenantId());
    LOG.info(
        "Erasure of tenant {} from {} is complete after {} passes",
        row.tenantSlug(),
        row.datasource(),
        row.passes());
  }

  /** Ends the pass under way once none of its tasks runs; failed ones are planned again. */
  private void follow(ErasureRow row) {
    List<String> failures = new ArrayList<>();
    for (String id : row.taskIds()) {
      DruidTasks.Status status = tasks.status(id);
      if (status.running()) {
        return;
      }
      if (!status.succeeded()) {
        failures.add(id + ": " + status.error());
      }
    }
    String error = failures.isEmpty() ? null : "compaction failed, tried again: " + failures;
    erasures.endPass(row.tenantId(), error);
    if (error != null) {
      LOG.warn("Erasure of tenant {}: {}", row.tenantSlug(), error);
    }
  }

  private void start(ErasureRow row, ErasureStep.Compact compact) {
    Instant now = clock.instant();
    if (compact.handoff()
        && (row.handoffAt() == null || row.handoffAt().isBefore(now.minus(HANDOFF_EVERY)))) {
      druid.handoffEarly(row.datasource());
      erasures.handoffRequested(row.tenantId());
    }
    List<Span> intervals = compact.intervals();
    if (intervals.isEmpty()) {
      return;
    }
    String[] ids = new String[intervals.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = taskId(row, String.valueOf(i));
    }
    if (!erasures.startPass(row.tenantId(), ids, compact.cold())) {
      return; // another instance started this pass
    }
    for (int i = 0; i < ids.length; i++) {
      // A task that fails to be submitted is unknown to Druid: the pass ends failed, and the
      // next one plans again.
      tasks.submit(
          ErasureSpec.render(
              ids[i], row.datasource(), intervals.get(i).toString(), row.tenantSlug()));
    }
    LOG.info(
        "Erasure of tenant {}, pass {}: rewriting {}", row.tenantSlug(), row.passes(), intervals);
  }

  private List<Segment> segments(ErasureRow row) {
    JsonNode rows =
        inRange(
            row,
            "\"start\", \"end\", is_realtime, is_available",
            "(is_active = 1 OR is_realtime = 1)");
    List<Segment> segments = new ArrayList<>();
    for (JsonNode s : rows) {
      segments.add(
          new Segment(
              new Span(
                  Instant.parse(s.path("start").asText()), Instant.parse(s.path("end").asText())),
              s.path("is_realtime").asInt() == 1,
              s.path("is_available").asInt() == 1));
    }
    return segments;
  }

  /**
   * {@code canopy-erasure-<tenant>-<pass>-<n>}: Druid refuses a second task of the same id, so two
   * instances cannot run one pass twice.
   */
  private static String taskId(ErasureRow row, String suffix) {
    return "canopy-erasure-" + row.tenantSlug() + "-" + row.passes() + "-" + suffix;
  }

  /** {@code sys.segments} rows of the erasure's datasource that overlap its range. */
  private JsonNode inRange(ErasureRow row, String columns, String condition) {
    return druid.sql(
        "SELECT "
            + columns
            + " FROM sys.segments WHERE datasource = ? AND "
            + condition
            + " AND \"end\" > ? AND \"start\" < ?",
        row.datasource(),
        SEGMENT_TIME.format(row.rangeStart()),
        SEGMENT_TIME.format(row.rangeEnd()));
  }

  private List<Instant> tenantHours(ErasureRow row) {
    JsonNode rows =
        druid.sql(
            "SELECT TIME_FLOOR(__time, 'PT1H') AS \"hour\" FROM \""
                + row.datasource()
                + "\" WHERE tenant = ? AND __time >= TIME_PARSE(?) AND __time < TIME_PARSE(?)"
                + " GROUP BY 1",
            row.tenantSlug(),
            row.rangeStart().toString(),
            row.rangeEnd().toString());
    List<Instant> hours = new ArrayList<>();
    rows.forEach(r -> hours.add(Instant.parse(r.path("hour").asText())));
    return hours;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
