package io.canopy.controlplane.common;

/** A field of the request has a value the control plane does not accept. */
public class InvalidInputException extends RefusedException {
  private static final long serialVersionUID = 1L;

  /** How the input is wrong; the web layer answers 400, 413 and 422 for these. */
  public enum Kind {
    /** Malformed or out of range. */
    INVALID,
    /** Larger than the control plane reads. */
    TOO_LARGE,
    /** Well formed, but refused by a rule further in (a Druid spec, an earlier request). */
    UNPROCESSABLE
  }

  private final Kind kind;

  /** {@code field} is invalid: the message reads "{@code field} {@code problem}". */
  public InvalidInputException(String field, String problem) {
    this(Kind.INVALID, field, field + " " + problem);
  }

  protected InvalidInputException(Kind kind, String field, String message) {
    super(message, field);
    this.kind = kind;
  }

  public static InvalidInputException tooLarge(String field, String message) {
    return new InvalidInputException(Kind.TOO_LARGE, field, message);
  }

  public static InvalidInputException unprocessable(String field, String message) {
    return new InvalidInputException(Kind.UNPROCESSABLE, field, message);
  }

  /**
   * The same refusal naming {@code other} as its field, as a caller that sent it under another name
   * knows it ({@code /v1/metrics}'s {@code name} is the query model's {@code measures[0]}).
   */
  public InvalidInputException as(String other) {
    String message = getMessage();
    String field = field();
    String renamed =
        field != null && message.startsWith(field)
            ? other + message.substring(field.length())
            : message;
    return new InvalidInputException(kind, other, renamed);
  }

  public Kind kind() {
    return kind;
  }
}
