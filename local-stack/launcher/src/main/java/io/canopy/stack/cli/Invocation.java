package io.canopy.stack.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line {@code bin/canopy} can run: the command, the flags given, the valued options given
 * and the positional arguments, each already checked against the command's grammar. Values are read
 * typed here; a value of the wrong type is a {@link UsageException} naming the option.
 */
public record Invocation(
    String command, Set<String> flags, Map<String, String> values, List<String> arguments) {

  public Invocation {
    flags = Set.copyOf(flags);
    values = Map.copyOf(values);
    arguments = List.copyOf(arguments);
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** The option's value, or {@code fallback} if it was not given. */
  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * The option's value as a positive whole number, or {@code fallback} if it was not given.
   *
   * @throws UsageException if it is not one
   */
  public int integer(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : positive(name, value);
  }

  /**
   * The option's value as a comma-separated list of positive whole numbers, or {@code fallback}.
   *
   * @throws UsageException if it is not one
   */
  public List<Integer> integers(String name, List<Integer> fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    return java.util.Arrays.stream(value.split(",", -1)).map(v -> positive(name, v)).toList();
  }

  /**
   * The option's value, which must be one of {@code allowed}, or {@code fallback}.
   *
   * @throws UsageException naming the allowed values
   */
  public String choice(String name, List<String> allowed, String fallback) {
    String value = string(name, fallback);
    if (!allowed.contains(value)) {
      throw new UsageException(
          command, name + " takes one of " + String.join(", ", allowed) + ", not '" + value + "'");
    }
    return value;
  }

  private int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(command, name + " takes a positive whole number, not '" + value + "'");
  }
}
