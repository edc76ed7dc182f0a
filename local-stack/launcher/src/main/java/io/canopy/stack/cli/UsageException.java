package io.canopy.stack.cli;

import java.util.Optional;

/**
 * A command line {@code bin/canopy} cannot run: an unknown command or option, a missing or bad
 * value. {@code bin/canopy} prints the message and the command's usage on stderr and exits 2.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String command;

  /**
   * @param command the command whose usage to show, or null for the list of commands
   */
  public UsageException(String command, String message) {
    super(message);
    this.command = command;
  }

  /** The command whose usage to show; empty for the list of commands. */
  public Optional<String> command() {
    return Optional.ofNullable(command);
  }
}
