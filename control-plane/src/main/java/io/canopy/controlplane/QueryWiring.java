package io.canopy.controlplane;

import io.canopy.controlplane.config.QueryConfig;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.query.MeasureService;
import io.canopy.controlplane.query.QueryDatasources;
import io.canopy.controlplane.query.QueryService;
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
  private static final int REFRESH_THREADS = 4;
  private static final int REFRESH_QUEUE = 1_000;

  private QueryWiring() {}

  static void wire(
      Wiring w, TenantAccess access, DatasourceService datasources, Queriers queriers) {
    DruidSqlRunner druid = w.druid().sqlRunner();
    QueryLimiter limiter = new QueryLimiter(System::nanoTime);
    QueryDatasources targets =
        new QueryDatasources(access, datasources, w.config().getDruid().eventsDatasource, druid);
    MeasureService measures =
        new MeasureService(w.dao(MeasureDao.class), targets, w.env().getObjectMapper());
    QueryConfig config = w.config().getQuery();
    ResultCache cache =
        new ResultCache(
            config.cacheMaxBytes,
            Duration.ofSeconds(config.liveTtlSeconds),
            w.clock(),
            refresher(w),
            w.env().metrics());
    QueryService queries =
        new QueryService(
            targets,
            measures,
            limiter,
            druid,
            cache,
            new SegmentTimelines(druid),
            w.clock(),
            Duration.ofSeconds(config.lateArrivalSeconds));
    w.register(new QueryResource(queries, queriers));
    w.register(new MetricsResource(queries, queriers));
    w.register(new SqlResource(new SqlService(limiter, druid), queriers));
    w.register(new MeasuresResource(measures, queriers));
    w.register(new SchemaResource(new SchemaService(targets, measures, druid), queriers));
  }

  /**
   * Where moving questions are recomputed while their earlier answers serve: a few threads (each
   * waits on Druid), a bounded queue; when it is full, requests wait for their own answers.
   */
  private static ExecutorService refresher(Wiring w) {
    return w.env()
        .lifecycle()
        .executorService("canopy-query-refresh-%d")
        .minThreads(REFRESH_THREADS)
        .maxThreads(REFRESH_THREADS)
        .workQueue(new ArrayBlockingQueue<>(REFRESH_QUEUE))
        .build();
  }
}
