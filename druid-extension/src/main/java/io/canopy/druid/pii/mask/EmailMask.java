package io.canopy.druid.pii.mask;

import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Masks the local part of an e-mail address and keeps its domain: {@code Jane.Doe@Example.com}
 * becomes {@code ***@example.com}. The whole local part goes (not "first letter + stars"), because
 * a kept letter narrows down who it was. Pure function, thread-safe.
 */
public final class EmailMask {
  public static final String MASK = "***";

  private EmailMask() {}

  /** The masked address, or null when the value is null or not an e-mail address. */
  @Nullable
  public static String mask(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1 || s.length() > 320) {
      return null;
    }
    String domain = s.substring(at + 1);
    if (!domain.contains(".")
        || domain.startsWith(".")
        || domain.endsWith(".")
        || domain.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@')) {
      return null;
    }
    return MASK + "@" + domain.toLowerCase(Locale.ROOT);
  }
}
