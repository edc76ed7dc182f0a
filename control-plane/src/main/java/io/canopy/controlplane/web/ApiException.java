package io.canopy.controlplane.web;

/**
 * A request the API refuses, with its HTTP status, a message for the caller, and the field at fault
 * when there is one. Mapped to an {@link io.canopy.controlplane.web.ErrorResponse} by {@link
 * ApiExceptionMapper}. Carries no stack trace: it is an answer, not a fault.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String field;
  private final long retryAfterSeconds;

  public ApiException(int status, String message, String field) {
    this(status, message, field, 0);
  }

  private ApiException(int status, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 400: {@code field} has a value the API does not accept. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(400, field + " " + message, field);
  }

  /** 404; also the answer for another tenant's resources, so their existence is not confirmed. */
  public static ApiException notFound(String message) {
    return new ApiException(404, message, null);
  }

  /** 403: the caller is known but may not do this. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, message, null);
  }

  /** 409: the request conflicts with what exists. */
  public static ApiException conflict(String field, String message) {
    return new ApiException(409, message, field);
  }

  /** 409 with {@code Retry-After}: the same request is still being handled. */
  public static ApiException inProgress(String field, String message, long retryAfterSeconds) {
    return new ApiException(409, message, field, retryAfterSeconds);
  }

  /** 422: the request is well formed but contradicts an earlier one. */
  public static ApiException unprocessable(String field, String message) {
    return new ApiException(422, message, field);
  }

  /** 429: over a rate quota; the same request fits after {@code retryAfterSeconds}. */
  public static ApiException rateLimited(String message, long retryAfterSeconds) {
    return new ApiException(429, message, null, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** Seconds for a {@code Retry-After} header; 0 when the request should not simply be retried. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
