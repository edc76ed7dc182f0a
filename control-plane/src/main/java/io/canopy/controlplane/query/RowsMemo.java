package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.sql.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rows of a question asked again, read back from Druid's answers and written as JSON once
 * ({@link RenderedRows}). The key is all the rows depend on: the plan (which holds the tenant, the
 * datasource, the range and the top values), the comparison's range, the instant buckets count as
 * incomplete from, and the serials of the cached answers they were read from ({@link
 * QueryRun#used}), so a new answer of Druid's, or a bucket turning complete, gives new rows.
 * Bounded in bytes (two a character of the JSON); an entry unused for {@code idle} goes.
 * Thread-safe.
 */
public final class RowsMemo {
  private record Key(
      QueryPlan plan, Interval earlier, Instant incompleteFrom, List<Long> answers) {}

  private final Cache<Key, RenderedRows> rows;
  private final ObjectMapper mapper;

  public RowsMemo(long maxBytes, Duration idle, ObjectMapper mapper) {
    this.mapper = mapper;
    this.rows =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key k, RenderedRows r) -> 2 * r.length())
            .expireAfterAccess(idle)
            .build();
  }

  /**
   * The rows of {@code plan} (and {@code earlier}, its comparison's range, or null) read from the
   * answers numbered {@code answers}: remembered, or {@code read} now and remembered.
   */
  RenderedRows rows(
      QueryPlan plan,
      Interval earlier,
      Instant incompleteFrom,
      List<Long> answers,
      Supplier<ResultReader.Rows> read) {
    return rows.get(
        new Key(plan, earlier, incompleteFrom, answers), k -> new RenderedRows(read.get(), mapper));
  }
}
