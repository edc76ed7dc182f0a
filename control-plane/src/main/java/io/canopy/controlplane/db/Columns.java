package io.canopy.controlplane.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reading the column types our tables share. */
public final class Columns {
  private Columns() {}

  /** A {@code TIMESTAMPTZ} column as an instant; null stays null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A {@code TEXT[]} column as a list. */
  public static List<String> strings(ResultSet rs, String column) throws SQLException {
    return List.of((String[]) rs.getArray(column).getArray());
  }
}
