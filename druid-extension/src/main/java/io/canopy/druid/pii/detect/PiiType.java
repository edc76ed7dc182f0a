package io.canopy.druid.pii.detect;

import java.util.EnumSet;
import java.util.Locale;

/**
 * The kinds of personal data the detector finds in free text, each with the placeholder that
 * replaces it. The lower-case names are the public spelling used in {@code pii_redact(expr,
 * 'email,ip')} and in {@code pii_detect} results.
 */
public enum PiiType {
  EMAIL,
  PHONE,
  CARD,
  IBAN,
  IP,
  SSN;

  /** {@code [EMAIL]}, {@code [CARD]}, … */
  public String placeholder() {
    return "[" + name() + "]";
  }

  /** The public, lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list such as {@code "email, card"}; {@code "all"} means every type.
   *
   * @throws IllegalArgumentException naming the unknown type and the known ones
   */
  public static EnumSet<PiiType> parseList(String list) {
    EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (String part : list.split(",")) {
      String id = part.trim().toLowerCase(Locale.ROOT);
      if (id.equals("all")) {
        types.addAll(EnumSet.allOf(PiiType.class));
      } else if (!id.isEmpty()) {
        types.add(fromId(id));
      }
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no PII type named in [" + list + "]");
    }
    return types;
  }

  private static PiiType fromId(String id) {
    for (PiiType type : values()) {
      if (type.id().equals(id)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown PII type [" + id + "]; known types: email, phone, card, iban, ip, ssn, all");
  }
}
