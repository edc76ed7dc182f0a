package io.canopy.controlplane.common;

/**
 * What text Canopy stores: no NUL character (PostgreSQL refuses the byte, and no name, cursor or
 * event field needs it) and no unpaired UTF-16 surrogate (a JSON {@code \\uD800} escape that stands
 * for no character; it would be stored as {@code ?}). Pure logic, thread-safe.
 */
public final class Text {
  private Text() {}

  /** At most {@code max} characters of {@code text}, with "…" where it was cut: for messages. */
  public static String abbreviate(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "…" : text;
  }

  /** Why {@code text} is refused, or null when it is fine. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain an unpaired surrogate (\\u"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
            + ")";
      }
    }
    return null;
  }
}
