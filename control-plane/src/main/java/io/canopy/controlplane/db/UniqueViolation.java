package io.canopy.controlplane.db;

import java.sql.SQLException;

/** Recognizes a unique-constraint violation by its SQLState (23505), never by message text. */
public final class UniqueViolation {
  private static final String SQL_STATE = "23505";

  private UniqueViolation() {}

  public static boolean is(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
