package io.canopy.controlplane.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.canopy.controlplane.common.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A tenant's id as it appears in paths and in every event's {@code tenant} dimension: 2 to 63
 * characters, lower-case letters, digits and hyphens, starting with a letter (so it is safe in a
 * Kafka topic name, a Druid datasource name and a URL). Serializes as the plain string.
 */
public record TenantSlug(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  public TenantSlug {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidInputException(
          "slug",
          "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter, not '"
              + abbreviate(value)
              + "'");
    }
  }

  /** Parses a slug from JSON or a path segment. */
  @JsonCreator
  public static TenantSlug of(String value) {
    return new TenantSlug(value);
  }

  /** True if {@code value} is a well-formed slug (a malformed one can name no tenant). */
  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 70 ? value.substring(0, 70) + "…" : value;
  }
}
