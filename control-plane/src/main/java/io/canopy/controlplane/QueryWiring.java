package io.canopy.controlplane;

import io.canopy.controlplane.config.QueryConfig;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.query.MeasureService;
import io.canopy.controlplane.query.QueryDatasources;
import io.canopy.controlplane.query.QueryService;
import io.canopy.controlplane.query.RowsMemo;
import io.canopy.controlplane.query.SchemaService;
import io.canopy.controlplane.query.SqlService;
import io.canopy.controlplane.query.api.MeasuresResource;
import io.canopy.controlplane.query.api.MetricsResource;
import io.canopy.controlplane.query.api.Queriers;
import io.canopy.controlplane.query.api.QueryResource;
import io.canopy.controlplane.query.api.SchemaResource;
import io.canopy.controlplane.query.api.SqlResource;
import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.cache.SegmentTimelines;
import io.canopy.controlplane.query.db.MeasureDao;
import io.canopy.controlplane.quota.QueryLimiter;
import io.canopy.controlplane.tenant.TenantAccess;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;

/**
 * The query API: {@code /v1/query}, {@code /v1/metrics}, {@code /v1/sql}, {@code /v1/measures} and
 * {@code /v1/datasources/{name}/schema}, all as the calling tenant, under its query quotas.
 */
final class QueryWiring {
  private QueryWiring() {}

  static void wire(
      Wiring w, TenantAccess access, DatasourceService datasources, Queriers queriers) {
    DruidSqlRunner druid = w.druid().sqlRunner();
    QueryLimiter limiter = new QueryLimiter(System::nanoTime);
    // Rereads the metadata every query reads (RefreshAhead): one reread per key at a time, so two
    // threads and a short queue; a refused reread leaves the current value serving its age out.
    ExecutorService reloader = background(w, "canopy-query-metadata", 2, 100);
    QueryDatasources targets =
        new QueryDatasources(
            access, datasources, w.config().getDruid().eventsDatasource, druid, reloader);
    MeasureService measures =
        new MeasureService(w.dao(MeasureDao.class), targets, w.env().getObjectMapper(), reloader);
    QueryConfig config = w.config().getQuery();
    // An eighth of the bytes for the rows read back and written once, the rest for Druid's answers.
    long memoBytes = config.cacheMaxBytes / 8;
    Duration liveTtl = Duration.ofSeconds(config.liveTtlSeconds);
    ResultCache cache =
        new ResultCache(
            config.cacheMaxBytes - memoBytes,
            liveTtl,
            w.clock(),
            // Recomputes moving questions while their earlier answers serve; when its queue is
            // full, requests wait for their own answers.
            background(w, "canopy-query-refresh", 4, 1_000),
            w.env().metrics());
    QueryService queries =
        new QueryService(
            targets,
            measures,
            limiter,
            druid,
            cache,
            new SegmentTimelines(druid, reloader),
            w.clock(),
            Duration.ofSeconds(config.lateArrivalSeconds),
            new RowsMemo(memoBytes, liveTtl, w.env().getObjectMapper()));
    w.register(new QueryResource(queries, queriers));
    w.register(new MetricsResource(queries, queriers));
    w.register(new SqlResource(new SqlService(limiter, druid), queriers));
    w.register(new MeasuresResource(measures, queriers));
    w.register(new SchemaResource(new SchemaService(targets, measures, druid), queriers));
  }

  /**
   * {@code threads} threads that wait on Druid or PostgreSQL for the query API's background work,
   * with a bounded queue; each user says what it does when the queue refuses a task.
   */
  private static ExecutorService background(Wiring w, String name, int threads, int queue) {
    return w.env()
        .lifecycle()
        .executorService(name + "-%d")
        .minThreads(threads)
        .maxThreads(threads)
        .workQueue(new ArrayBlockingQueue<>(queue))
        .build();
  }
}
