package io.canopy.stack.it.differential;

import io.canopy.stack.StackPorts;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Druid's handoff line for the test: where the {@code events} datasource's real-time data begins
 * (the earliest start of a real-time segment, read from the broker's {@code sys.segments}), and a
 * handoff forced the way the docs and HandoffAtVolumeIT do ({@code taskGroups/handoff} of task
 * group 0, as the operator). Thread-safe.
 */
final class Handoffs {
  private final StackPorts ports;
  private volatile Instant line;

  Handoffs(StackPorts ports, Instant initial) {
    this.ports = ports;
    this.line = initial;
  }

  /** The line as last read; the initial guess before the first read. */
  Instant line() {
    return line;
  }

  /**
   * Reads the line again; null when no segment is real-time, or the broker did not answer (then the
   * last line stays).
   */
  Instant read() {
    List<Map<String, Object>> rows;
    try {
      rows =
          DruidSql.query(
              ports.brokerUrl(),
              "SELECT \"start\" FROM sys.segments WHERE datasource = 'events' AND is_realtime = 1");
    } catch (RuntimeException e) {
      return null;
    }
    Instant earliest = null;
    for (Map<String, Object> row : rows) {
      Instant start = Instant.parse(row.get("start").toString());
      earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
    }
    if (earliest != null) {
      line = earliest;
    }
    return earliest;
  }

  /** Asks the supervisor's task group to hand its segments off now; returns at once. */
  void force() {
    try {
      Supervisor.events(ports).handoff(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether every hour before {@code hour} is served from handed-off segments only: the real-time
   * segments, if any, all start at or after it.
   */
  boolean handedOffBefore(Instant hour) {
    List<Map<String, Object>> rows;
    try {
      rows =
          DruidSql.query(
              ports.brokerUrl(),
              "SELECT \"start\" FROM sys.segments WHERE datasource = 'events' AND is_realtime = 1");
    } catch (RuntimeException e) {
      return false; // asked again at the next step
    }
    return rows.stream().allMatch(r -> !Instant.parse(r.get("start").toString()).isBefore(hour));
  }
}
