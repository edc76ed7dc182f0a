package io.canopy.controlplane.web;

import io.canopy.controlplane.common.UnavailableException;
import io.canopy.controlplane.db.DatabaseUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.JdbiException;

/**
 * A failed database call: 503 naming PostgreSQL when it is away (so a client retries instead of
 * dropping its request), otherwise the 500 of any other bug. Neither body carries SQL.
 */
public final class DatabaseExceptionMapper implements ExceptionMapper<JdbiException> {
  private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

  @Override
  public Response toResponse(JdbiException e) {
    if (DatabaseUnavailable.is(e)) {
      return UnavailableExceptionMapper.unavailable(
          UnavailableException.Dependency.POSTGRESQL, "a database call failed", e);
    }
    return unexpected.toResponse(e);
  }
}
