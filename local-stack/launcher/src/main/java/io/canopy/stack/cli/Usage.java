package io.canopy.stack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The usage texts of {@code bin/canopy}, one section per command ({@code ## <command>}) in {@code
 * usage.txt}, section {@code canopy} for the list of commands. {@code bin/canopy} reads the same
 * file from the source tree when the launcher is not built yet, so the texts have one home.
 */
public final class Usage {
  private static final String OVERVIEW = "canopy";

  private Usage() {}

  /** The list of commands. */
  public static String overview() {
    return section(OVERVIEW);
  }

  /** One command's usage; the list of commands for an unknown or null command. */
  public static String of(String command) {
    String text = command == null ? "" : section(command);
    return text.isEmpty() ? overview() : text;
  }

  private static String section(String name) {
    StringBuilder text = new StringBuilder();
    boolean inside = false;
    for (String line : all().split("\n", -1)) {
      if (line.startsWith("## ")) {
        inside = line.substring(3).trim().equals(name);
      } else if (inside) {
        text.append(line).append('\n');
      }
    }
    return text.toString();
  }

  private static String all() {
    try (InputStream in = Usage.class.getResourceAsStream("usage.txt")) {
      if (in == null) {
        throw new IllegalStateException("usage.txt is missing from the launcher's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
