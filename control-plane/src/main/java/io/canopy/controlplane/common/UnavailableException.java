package io.canopy.controlplane.common;

/**
 * A service the control plane depends on (PostgreSQL, Kafka, Druid) did not answer or refused.
 * Answered 503 with {@code Retry-After}, the dependency's name and an error id; the detail, which
 * may hold internal addresses, goes only to the log.
 */
public class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The dependencies, as the answer names them. */
  public enum Dependency {
    POSTGRESQL("PostgreSQL"),
    KAFKA("Kafka"),
    DRUID("Druid");

    private final String displayName;

    Dependency(String displayName) {
      this.displayName = displayName;
    }

    /** The name in an answer's {@code dependency} field: lower case. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String displayName() {
      return displayName;
    }
  }

  private final Dependency dependency;

  public UnavailableException(Dependency dependency, String message) {
    super(message);
    this.dependency = dependency;
  }

  public UnavailableException(Dependency dependency, String message, Throwable cause) {
    super(message, cause);
    this.dependency = dependency;
  }

  public Dependency dependency() {
    return dependency;
  }
}
