package io.canopy.druid.quota;

/**
 * A tenant's query quotas as the control plane's key introspection gives them, the same that {@code
 * /v1/query} enforces: {@code concurrency} queries running at once, {@code perMinute} queries
 * started per minute, {@code timeoutMs}, the longest a query may run, and {@code priority}, the
 * highest Druid query priority its queries may ask.
 */
public record QueryQuota(int concurrency, int perMinute, int timeoutMs, int priority) {
  /** A tenant's defaults, for an introspection answer that names no quotas. */
  public static final QueryQuota DEFAULT = new QueryQuota(4, 120, 30_000, 0);

  public QueryQuota {
    if (concurrency < 1 || perMinute < 1 || timeoutMs < 1) {
      throw new IllegalArgumentException("query quotas are positive");
    }
  }
}
