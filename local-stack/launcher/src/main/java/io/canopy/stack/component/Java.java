package io.canopy.stack.component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for JVM components, run with the launcher's own {@code java}. */
final class Java {
  private Java() {}

  static String executable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
  static List<String> command(
      List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** A classpath wildcard for every jar in a directory, as java's launcher expands it. */
  static String jars(Path dir) {
    return dir.resolve("*").toString();
  }
}
