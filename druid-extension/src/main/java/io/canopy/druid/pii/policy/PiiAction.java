package io.canopy.druid.pii.policy;

import io.canopy.druid.pii.detect.PiiDetector;
import io.canopy.druid.pii.ip.IpAddresses;
import io.canopy.druid.pii.keys.PiiKeyRing;
import io.canopy.druid.pii.mask.EmailMask;
import io.canopy.druid.pii.mask.Pseudonymizer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PII policy does to one field, written as in a spec: {@code keep}, {@code drop}, {@code
 * pseudonymize(keyId)}, {@code truncate_ip}, {@code mask_email} or {@code redact}. Immutable.
 */
public record PiiAction(Kind kind, String keyId) {
  public enum Kind {
    KEEP,
    DROP,
    PSEUDONYMIZE,
    TRUNCATE_IP,
    MASK_EMAIL,
    REDACT
  }

  private static final Pattern PSEUDONYMIZE =
      Pattern.compile("pseudonymize\\(\\s*([^)\\s]+)\\s*\\)");

  /**
   * @throws IllegalArgumentException naming the action and the accepted forms
   */
  public static PiiAction parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    Matcher m = PSEUDONYMIZE.matcher(s);
    if (m.matches()) {
      return new PiiAction(Kind.PSEUDONYMIZE, m.group(1));
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.PSEUDONYMIZE && kind.name().equalsIgnoreCase(s)) {
        return new PiiAction(kind, null);
      }
    }
    throw new IllegalArgumentException(
        "unknown PII action ["
            + spec
            + "]; use keep, drop, pseudonymize(keyId), truncate_ip, mask_email or redact");
  }

  /**
   * The function this action applies to one string value (null for {@code drop}); resolving the key
   * here makes an unknown key id fail when the spec is read, not per row.
   */
  UnaryOperator<String> compile(PiiKeyRing keyRing) {
    return switch (kind) {
      case KEEP -> UnaryOperator.identity();
      case DROP -> v -> null;
      case PSEUDONYMIZE -> {
        Pseudonymizer p = keyRing.pseudonymizer(keyId);
        yield p::pseudonymize;
      }
      case TRUNCATE_IP ->
          v ->
              IpAddresses.truncate(v, IpAddresses.DEFAULT_V4_PREFIX, IpAddresses.DEFAULT_V6_PREFIX);
      case MASK_EMAIL -> EmailMask::mask;
      case REDACT -> PiiDetector.all()::redact;
    };
  }

  /** The spec form, e.g. {@code pseudonymize(k2026)}. */
  @Override
  public String toString() {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    return kind == Kind.PSEUDONYMIZE ? name + "(" + keyId + ")" : name;
  }
}
