package io.canopy.controlplane.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.canopy.controlplane.common.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an API key may do: send events, run queries, manage its own tenant's keys and datasources.
 */
public enum Scope {
  INGEST,
  QUERY,
  ADMIN;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope named {@code value}.
   *
   * @throws InvalidInputException naming {@code field} if there is no such scope
   */
  public static Scope parse(String value, String field) {
    return Arrays.stream(values())
        .filter(scope -> scope.json().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    field, "must be one of ingest, query, admin, not '" + value + "'"));
  }
}
