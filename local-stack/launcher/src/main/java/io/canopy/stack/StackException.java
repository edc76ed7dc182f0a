package io.canopy.stack;

/** A failure the launcher reports to the user as one clear message, without a stack trace. */
public class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
