package io.canopy.stack.bench;

import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import java.io.PrintStream;
import java.util.List;

/** {@code bin/canopy bench}. */
public final class Benchmarks {
  private Benchmarks() {}

  public static int run(StackLayout layout, StackPorts ports, List<String> args, PrintStream out) {
    throw new io.canopy.stack.StackException("not yet");
  }
}
