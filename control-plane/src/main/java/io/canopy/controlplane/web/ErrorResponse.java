package io.canopy.controlplane.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of every error answer: what is wrong; the field when one field is at fault; for 5xx an error
 * id that finds the log entry (the body never carries a stack trace or SQL); for 503 the dependency
 * that is away ({@code postgresql}, {@code kafka}, {@code druid}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
    String error, String field, String errorId, Integer accepted, String dependency) {
  public ErrorResponse(String error, String field, String errorId, Integer accepted) {
    this(error, field, errorId, accepted, null);
  }

  public static ErrorResponse of(String error) {
    return new ErrorResponse(error, null, null, null);
  }

  public static ErrorResponse unavailable(String error, String dependency, String errorId) {
    return new ErrorResponse(error, null, errorId, null, dependency);
  }
}
