package io.canopy.druid.pii.policy;

import io.canopy.druid.pii.keys.PiiKeyRing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A compiled per-field policy: each named field gets its action, and every other field gets the
 * default action, so a field nobody thought of cannot carry personal data into a segment. Actions
 * apply to strings; a map or list is walked and its strings are treated the same way; numbers and
 * booleans are left alone by every action but {@code drop} and {@code pseudonymize} (which
 * pseudonymizes the number's text, for numeric user ids). Immutable and thread-safe.
 */
final class PiiPolicy {
  /** An action with its function, compiled once when the spec is read. */
  private record Rule(PiiAction.Kind kind, UnaryOperator<String> function) {
    static Rule of(PiiAction action, PiiKeyRing keyRing) {
      return new Rule(action.kind(), action.compile(keyRing));
    }
  }

  private final Map<String, Rule> rules = new HashMap<>();
  private final Rule defaultRule;

  PiiPolicy(Map<String, PiiAction> fields, PiiAction defaultAction, PiiKeyRing keyRing) {
    fields.forEach((name, action) -> rules.put(name, Rule.of(action, keyRing)));
    this.defaultRule = Rule.of(defaultAction, keyRing);
  }

  /** The value as the policy lets it through (null when dropped). */
  Object apply(String field, Object value) {
    if (value == null) {
      return null;
    }
    Rule rule = rules.getOrDefault(field, defaultRule);
    return switch (rule.kind()) {
      case KEEP -> value;
      case DROP -> null;
      default -> walk(value, rule.function(), rule.kind() == PiiAction.Kind.PSEUDONYMIZE);
    };
  }

  /** Applies the policy to every entry of a raw map (for sampling and parse-error reports). */
  Map<String, Object> applyAll(Map<String, Object> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, apply(k, v)));
    return out;
  }

  private static Object walk(Object value, UnaryOperator<String> fn, boolean numbersToo) {
    if (value instanceof String s) {
      return fn.apply(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, v == null ? null : walk(v, fn, numbersToo)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(v == null ? null : walk(v, fn, numbersToo)));
      return out;
    }
    if (value instanceof Object[] array) {
      return walk(java.util.Arrays.asList(array), fn, numbersToo);
    }
    return numbersToo ? fn.apply(String.valueOf(value)) : value;
  }
}
