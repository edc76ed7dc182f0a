package io.canopy.controlplane.ingest;

/** A request body that cannot be taken as a batch at all; nothing of it is accepted. */
public class BatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the body; the API maps each to its HTTP status. */
  public enum Problem {
    MALFORMED,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    /** The body arrived too slowly: cut off by the server's minimum data rate or idle timeout. */
    TOO_SLOW
  }

  private final Problem problem;

  public BatchException(Problem problem, String message) {
    super(message, null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
