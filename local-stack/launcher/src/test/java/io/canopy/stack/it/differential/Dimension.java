package io.canopy.stack.it.differential;

import java.util.Locale;

/**
 * The {@code events} datasource's dimensions, as the test sends and models them. A new dimension is
 * a constant here and a pool of values in {@link EventGenerator}; everything else (filters, splits,
 * SQL, the model's rollup) reads this list.
 */
enum Dimension {
  EVENT,
  COUNTRY,
  DEVICE,
  CAMPAIGN,
  PAGE,
  REFERRER,
  IP;

  /** The column's and the event field's name. */
  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value as Druid stores it: {@code ip} truncated to its network (IPv4 /24; the IPv6 values
   * the generator sends are {@code a:b:c:...} with three non-zero groups, so /48 is {@code
   * a:b:c::}); anything else that is not an address is null. Other values are sent free of anything
   * the PII detectors redact, so they are stored as sent.
   */
  String stored(String sent) {
    if (this != IP || sent == null) {
      return sent;
    }
    if (sent.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      return sent.substring(0, sent.lastIndexOf('.')) + ".0";
    }
    String[] groups = sent.split(":");
    if (sent.contains("::") && groups.length >= 3) {
      return groups[0] + ":" + groups[1] + ":" + groups[2] + "::";
    }
    return null;
  }
}
