package io.canopy.druid.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.druid.java.util.common.Intervals;
import org.apache.druid.java.util.common.lifecycle.LifecycleStart;
import org.apache.druid.java.util.common.lifecycle.LifecycleStop;
import org.apache.druid.java.util.common.logger.Logger;
import org.apache.druid.query.Druids;
import org.apache.druid.query.Query;
import org.apache.druid.query.spec.MultipleIntervalSegmentSpec;
import org.apache.druid.server.RequestLogLine;
import org.apache.druid.server.log.RequestLogger;

/**
 * Hands each request log line to another request logger with the values it must not keep digested:
 * a SQL query's literals and comments ({@link SqlRedaction}), a native query's filter values,
 * expression literals and inline rows ({@link NativeRedaction}). A native query is written back
 * through Druid's own JSON mapper; one that does not survive that (no query Druid runs is known to)
 * is logged as a placeholder with its data source and context, never as written.
 */
public final class RedactingRequestLogger implements RequestLogger {
  private static final Logger LOG = new Logger(RedactingRequestLogger.class);
  static final String PLACEHOLDER = "canopyRedactionFailed";

  private final RequestLogger delegate;
  private final ObjectMapper mapper;
  private final SqlRedaction sql;
  private final NativeRedaction nativeQueries;

  RedactingRequestLogger(RequestLogger delegate, ObjectMapper mapper, LogDigest digest) {
    this.delegate = delegate;
    this.mapper = mapper;
    this.sql = new SqlRedaction(digest);
    this.nativeQueries = new NativeRedaction(digest);
  }

  @Override
  public void logNativeQuery(RequestLogLine line) throws IOException {
    delegate.logNativeQuery(
        RequestLogLine.forNative(
            redacted(line.getQuery()),
            line.getTimestamp(),
            line.getRemoteAddr(),
            line.getQueryStats()));
  }

  @Override
  public void logSqlQuery(RequestLogLine line) throws IOException {
    delegate.logSqlQuery(
        RequestLogLine.forSql(
            sql.of(line.getSql()),
            line.getSqlQueryContext(),
            line.getTimestamp(),
            line.getRemoteAddr(),
            line.getQueryStats()));
  }

  Query<?> redacted(Query<?> query) {
    if (query == null) {
      return null;
    }
    try {
      JsonNode tree = mapper.valueToTree(query);
      nativeQueries.redact(tree);
      return mapper.treeToValue(tree, Query.class);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("A %s query could not be logged redacted; logged as a placeholder", query.getType());
      Map<String, Object> context = new LinkedHashMap<>(query.getContext());
      context.put(PLACEHOLDER, true);
      return Druids.newTimeBoundaryQueryBuilder()
          .dataSource(query.getDataSource())
          .intervals(new MultipleIntervalSegmentSpec(List.of(Intervals.ETERNITY)))
          .context(context)
          .build();
    }
  }

  // Druid's lifecycle starts the logger it was given by its annotations: these start the delegate
  // (Druid's file logger opens its file there).
  @LifecycleStart
  @Override
  public void start() throws Exception {
    delegate.start();
  }

  @LifecycleStop
  @Override
  public void stop() {
    delegate.stop();
  }
}
