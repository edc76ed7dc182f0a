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
  private final Map<String, UnaryOperator<String>> fields = new HashMap<>();
  private final Map<String, PiiAction> actions = new HashMap<>();
  private final UnaryOperator<String> defaultFunction;
  private final PiiAction defaultAction;

  PiiPolicy(Map<String, PiiAction> fields, PiiAction defaultAction, PiiKeyRing keyRing) {
    fields.forEach(
        (name, action) -> {
          this.fields.put(name, action.compile(keyRing));
          this.actions.put(name, action);
        });
    this.defaultAction = defaultAction;
    this.defaultFunction = defaultAction.compile(keyRing);
  }

  /** The value as the policy lets it through (null when dropped). */
  Object apply(String field, Object value) {
    if (value == null) {
      return null;
    }
    PiiAction action = actions.getOrDefault(field, defaultAction);
    UnaryOperator<String> function = fields.getOrDefault(field, defaultFunction);
    return switch (action.kind()) {
      case KEEP -> value;
      case DROP -> null;
      default -> walk(value, function, action.kind() == PiiAction.Kind.PSEUDONYMIZE);
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
