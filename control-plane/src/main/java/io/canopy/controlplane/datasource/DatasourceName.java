package io.canopy.controlplane.datasource;

import io.canopy.controlplane.common.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name of a tenant's dedicated datasource ({@code web}): 2–40 characters of {@code a-z}, {@code
 * 0-9} and {@code _}, starting with a letter, so that {@code <slug>_<name>} is a safe Druid
 * datasource name and {@code canopy-<slug>-<name>} a safe Kafka topic.
 */
public record DatasourceName(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{1,39}");

  public DatasourceName {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          "name", "must be 2-40 characters of a-z, 0-9 and '_', starting with a letter");
    }
  }

  public static DatasourceName of(String value) {
    return new DatasourceName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
