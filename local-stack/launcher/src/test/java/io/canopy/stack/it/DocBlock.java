package io.canopy.stack.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```bash} block of a Markdown document, as a reader pastes it: its lines without the
 * indentation of a block inside a list item, where it stands, and why it is not run, if a marker
 * line right above its fence says so:
 *
 * <pre>{@code
 * <!-- not run by ReadmeCommandsIT: a benchmark of ten minutes -->
 * ```bash
 * bin/canopy bench
 * ```
 * }</pre>
 *
 * @param document the document's path as its reader names it ({@code docs/operations.md})
 * @param line the line of the opening fence, from 1
 * @param section the heading the block stands under
 * @param script the block's text
 * @param notRunBecause the marker's reason, or null for a block that runs
 */
record DocBlock(String document, int line, String section, String script, String notRunBecause) {
  /** The marker; its reason, which the reader sees too, is required. */
  static final Pattern MARKER = Pattern.compile("<!-- not run by ReadmeCommandsIT: (.*\\S.*?) -->");

  private static final String MARKER_FORM = "<!-- not run by ReadmeCommandsIT: why -->";
  private static final Pattern FENCE = Pattern.compile("^( *)```(\\S*)\\s*$");
  private static final Pattern HEADING = Pattern.compile("^#{1,4} (.+)$");

  /**
   * Commands that stop, restart or load the stack, or run for minutes: a block that holds one must
   * be marked, or this test would take the shared stack of every integration test down with it.
   */
  private static final Pattern LONG_OR_STOPPING =
      Pattern.compile(
          "bin/canopy\\s+(up|down|bench|chaos)\\b|bin/canopy\\s+logs\\b[^\\n]*\\s-f\\b"
              + "|\\bbench/|(^|[;&|(])\\s*(mvn|kill|jcmd)\\s",
          Pattern.MULTILINE);

  /** The bash blocks of {@code file}, in order; {@code document} names it in messages. */
  static List<DocBlock> read(Path file, String document) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<DocBlock> blocks = new ArrayList<>();
    String section = "(top)";
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        Matcher heading = HEADING.matcher(lines.get(i));
        if (heading.matches()) {
          section = heading.group(1);
        }
        requireNoStrayMarker(lines, i, document);
        continue;
      }
      String indent = fence.group(1);
      int close = closingFence(lines, i, indent, document);
      if (fence.group(2).equals("bash")) {
        StringBuilder script = new StringBuilder();
        for (String l : lines.subList(i + 1, close)) {
          script.append(l.startsWith(indent) ? l.substring(indent.length()) : l).append('\n');
        }
        blocks.add(
            new DocBlock(document, i + 1, section, script.toString(), marker(lines, i, document)));
      } else {
        requireNoStrayMarker(lines, i, document);
      }
      i = close;
    }
    return blocks;
  }

  /** Whether the block runs (it carries no marker). */
  boolean runs() {
    return notRunBecause == null;
  }

  /** A command this block holds that only a marked block may hold, if any. */
  Optional<String> longOrStopping() {
    Matcher m = LONG_OR_STOPPING.matcher(script);
    return m.find() ? Optional.of(m.group().strip()) : Optional.empty();
  }

  /** The answers the block shows in comments. */
  List<ShownAnswer> shown() {
    List<ShownAnswer> shown = new ArrayList<>();
    for (String l : script.split("\n")) {
      ShownAnswer.of(l).ifPresent(shown::add);
    }
    return shown;
  }

  /** The answers' headers the block shows in comments. */
  List<ShownResponse> shownResponses() {
    return ShownResponse.in(script);
  }

  @Override
  public String toString() {
    return document + ":" + line + " (" + section + ")";
  }

  private static int closingFence(List<String> lines, int open, String indent, String document) {
    for (int j = open + 1; j < lines.size(); j++) {
      if (lines.get(j).equals(indent + "```") || lines.get(j).strip().equals("```")) {
        return j;
      }
    }
    throw new IllegalStateException(document + ":" + (open + 1) + ": a code block never closes");
  }

  private static String marker(List<String> lines, int fence, String document) {
    if (fence == 0 || !isMarker(lines.get(fence - 1))) {
      return null;
    }
    Matcher m = MARKER.matcher(lines.get(fence - 1).strip());
    if (!m.matches()) {
      throw new IllegalStateException(
          document + ":" + fence + ": a marker without its reason: " + MARKER_FORM);
    }
    return m.group(1).strip();
  }

  private static boolean isMarker(String line) {
    return line.strip().startsWith("<!--") && line.contains("not run by ReadmeCommandsIT");
  }

  /** A marker is meant for the bash block right below it; anywhere else it is a mistake. */
  private static void requireNoStrayMarker(List<String> lines, int i, String document) {
    if (i > 0 && isMarker(lines.get(i - 1))) {
      throw new IllegalStateException(
          document + ":" + i + ": a marker that no ```bash block follows: " + lines.get(i - 1));
    }
  }
}
