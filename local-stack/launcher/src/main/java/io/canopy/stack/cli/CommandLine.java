package io.canopy.stack.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The grammar of {@code bin/canopy}: its commands, each with the flags and valued options it takes
 * and how many positional arguments. {@code -h} or {@code --help} anywhere asks for the command's
 * usage and nothing else; anything the grammar does not know is a {@link UsageException}, never a
 * default run.
 */
public final class CommandLine {
  /** What a command accepts. */
  private record Grammar(String name, Set<String> flags, Set<String> valued, int arguments) {}

  private static final List<Grammar> COMMANDS =
      List.of(
          new Grammar("up", Set.of("--demo", "--clean"), Set.of(), 0),
          new Grammar("down", Set.of(), Set.of(), 0),
          new Grammar("status", Set.of(), Set.of(), 0),
          new Grammar("logs", Set.of("-f"), Set.of(), 1),
          new Grammar("env", Set.of(), Set.of(), 0),
          new Grammar(
              "bench",
              Set.of("--isolated", "--load-only"),
              Set.of(
                  "--only",
                  "--probes",
                  "--seconds",
                  "--warmup",
                  "--threads",
                  "--events",
                  "--rounds",
                  "--load-events",
                  "--queries",
                  "--clients",
                  "--security-seconds",
                  "--rates",
                  "--step-seconds",
                  "--query-events",
                  "--tenant",
                  "--query-days",
                  "--cold-rounds",
                  "--warm-requests",
                  "--query-seconds",
                  "--query-rate"),
              0),
          new Grammar("chaos", Set.of(), Set.of("--faults", "--rate"), 0),
          new Grammar("help", Set.of(), Set.of(), 1));

  /** What was asked: run a command, or print a usage text (of a command, or the overview). */
  public sealed interface Parsed {}

  /** Run this invocation. */
  public record Run(Invocation invocation) implements Parsed {}

  /** Print this command's usage on stdout and exit 0; empty: the list of commands. */
  public record Help(Optional<String> command) implements Parsed {}

  private CommandLine() {}

  /**
   * @throws UsageException for an unknown command or option, a missing value, or an argument too
   *     many or too few
   */
  public static Parsed parse(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException(null, "no command given");
    }
    String name = args.get(0);
    if (name.equals("-h") || name.equals("--help")) {
      return new Help(Optional.empty());
    }
    Grammar grammar =
        COMMANDS.stream()
            .filter(g -> g.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new UsageException(null, "unknown command '" + name + "'"));
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("-h") || rest.contains("--help")) {
      return new Help(Optional.of(name));
    }
    Invocation invocation = read(grammar, rest);
    if (name.equals("help")) {
      return new Help(invocation.arguments().stream().findFirst().map(CommandLine::known));
    }
    return new Run(invocation);
  }

  /** Every option {@code command} takes, flags and valued ones; empty for an unknown command. */
  static Set<String> options(String command) {
    Set<String> options = new HashSet<>();
    COMMANDS.stream()
        .filter(g -> g.name().equals(command))
        .forEach(
            g -> {
              options.addAll(g.flags());
              options.addAll(g.valued());
            });
    return options;
  }

  /** Whether the option takes a value. */
  static boolean valued(String command, String option) {
    return COMMANDS.stream().anyMatch(g -> g.name().equals(command) && g.valued().contains(option));
  }

  private static String known(String command) {
    if (COMMANDS.stream().noneMatch(g -> g.name().equals(command))) {
      throw new UsageException(null, "unknown command '" + command + "'");
    }
    return command;
  }

  private static Invocation read(Grammar grammar, List<String> args) {
    Set<String> flags = new HashSet<>();
    Map<String, String> values = new HashMap<>();
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (grammar.flags().contains(arg)) {
        flags.add(arg);
      } else if (grammar.valued().contains(arg)) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
          throw new UsageException(grammar.name(), arg + " needs a value");
        }
        values.put(arg, args.get(++i));
      } else if (arg.startsWith("-")) {
        throw new UsageException(
            grammar.name(), "unknown option " + arg + " for " + grammar.name());
      } else if (arguments.size() < grammar.arguments()) {
        arguments.add(arg);
      } else {
        throw new UsageException(
            grammar.name(), "unexpected argument '" + arg + "' for " + grammar.name());
      }
    }
    if (grammar.name().equals("logs") && arguments.isEmpty()) {
      throw new UsageException("logs", "logs needs a component");
    }
    return new Invocation(grammar.name(), flags, values, arguments);
  }
}
