package io.canopy.controlplane.query.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.query.sql.CompiledSql;
import io.canopy.controlplane.query.sql.MetadataSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Each datasource's {@link SegmentTimeline}, read from the broker's {@code sys.segments} as the
 * control plane (tenants may not read {@code sys}), reread in the background every {@value
 * #REFRESH_SECONDS} s while queries use it and never used older than {@value #MAX_AGE_SECONDS} s
 * ({@link RefreshAhead}), one read at a time per datasource. The broker's view of available
 * segments changes as historicals load and drop them, so a compaction or an erasure shows here as
 * soon as queries see it. Thread-safe.
 */
public final class SegmentTimelines {
  static final int REFRESH_SECONDS = 5;
  static final int MAX_AGE_SECONDS = 30;

  private final LoadingCache<String, SegmentTimeline> timelines;

  /**
   * @param reloader rereads the timelines in use in the background
   */
  public SegmentTimelines(DruidSql druid, Executor reloader) {
    this.timelines =
        RefreshAhead.build(
            Duration.ofSeconds(REFRESH_SECONDS),
            Duration.ofSeconds(MAX_AGE_SECONDS),
            reloader,
            datasource -> read(druid, datasource));
  }

  public SegmentTimeline of(String druidDatasource) {
    return timelines.get(druidDatasource);
  }

  private static SegmentTimeline read(DruidSql druid, String datasource) {
    CompiledSql query = MetadataSql.segments(datasource);
    JsonNode rows =
        druid.rows(
            new DruidSqlRunner.Query(
                query.sql(),
                query.parameters(),
                "canopy-segments-" + UUID.randomUUID(),
                Duration.ofSeconds(10),
                100,
                null,
                "datasource",
                "druid",
                0,
                false,
                null));
    List<SegmentTimeline.Segment> segments = new ArrayList<>();
    for (JsonNode r : rows) {
      segments.add(
          new SegmentTimeline.Segment(
              Instant.parse(r.path("start").asText()),
              Instant.parse(r.path("end").asText()),
              r.path("version").asText(),
              r.path("partition_num").asInt(),
              r.path("is_realtime").asInt() == 1));
    }
    return new SegmentTimeline(segments);
  }
}
