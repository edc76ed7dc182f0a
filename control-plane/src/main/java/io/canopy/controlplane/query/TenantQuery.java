package io.canopy.controlplane.query;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.sql.CompiledSql;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A Druid SQL query as the calling tenant: presented with its key (so Druid applies its row
 * policy), at its priority, with an id of the form {@code canopy-<kind><uuid>}, a timeout that
 * names the tenant's quota, and the id of the tenant's request it serves (every query of one
 * request carries the same, so Druid counts the request once against the tenant's minute).
 */
final class TenantQuery {
  private TenantQuery() {}

  /**
   * @param request the id of the tenant's request the query serves ({@link #newRequest})
   * @param kind the id's prefix after {@code canopy-}: {@code columns-}, {@code sql-}, or empty
   * @param field how a refusal names what was refused
   * @param rowLimit at most so many rows; 0 for the query's own
   */
  static DruidSqlRunner.Query of(
      Caller.TenantKey caller,
      String request,
      String kind,
      CompiledSql sql,
      Duration timeout,
      String field,
      int rowLimit) {
    return of(
        caller,
        request,
        kind,
        sql.sql(),
        sql.parameters(),
        timeout,
        field,
        rowLimit,
        sql.baseRows());
  }

  /**
   * As above, for SQL the caller wrote ({@code /v1/sql}) with its parameters.
   *
   * @param baseRows read the base rows, never a projection ({@link CompiledSql#baseRows})
   */
  static DruidSqlRunner.Query of(
      Caller.TenantKey caller,
      String request,
      String kind,
      String sql,
      List<SqlParameter> parameters,
      Duration timeout,
      String field,
      int rowLimit,
      boolean baseRows) {
    return new DruidSqlRunner.Query(
        sql,
        parameters,
        "canopy-" + kind + UUID.randomUUID(),
        timeout,
        caller.quotas().queryPriority(),
        caller.credential().authorization(),
        field,
        QueryService.TIMEOUT_FIELD,
        rowLimit,
        baseRows,
        new DruidSqlRunner.TenantRequest(caller.tenantSlug(), request));
  }

  /**
   * The request id of the control plane's reads of a tenant's columns, refreshed in the background
   * whatever the tenant asks: Druid counts them as one query per tag memory (10 minutes), not
   * against each minute the tenant's own requests use. (A schema request, which scans the tenant's
   * rows, is a request of its own.)
   */
  static final String METADATA = "metadata";

  /** An id for one request of a tenant, which all its Druid queries carry. */
  static String newRequest() {
    return UUID.randomUUID().toString();
  }
}
