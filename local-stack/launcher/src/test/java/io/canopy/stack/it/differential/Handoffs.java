package io.canopy.stack.it.differential;

import io.canopy.stack.StackPorts;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

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
    List<Instant> starts = realtimeStarts();
    Instant earliest = null;
    for (Instant start : starts == null ? List.<Instant>of() : starts) {
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
    List<Instant> starts = realtimeStarts();
    return starts != null && starts.stream().noneMatch(s -> s.isBefore(hour));
  }

  /** Where each real-time segment starts; null when the broker did not answer (asked again). */
  private List<Instant> realtimeStarts() {
    try {
      return DruidSql.query(
              ports.brokerUrl(),
              "SELECT \"start\" FROM sys.segments WHERE datasource = 'events' AND is_realtime = 1")
          .stream()
          .map(r -> Instant.parse(r.get("start").toString()))
          .toList();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
