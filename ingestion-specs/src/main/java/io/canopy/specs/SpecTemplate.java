package io.canopy.specs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Druid spec template from {@code ingestion-specs/}, with {@code ${name}} placeholders inside
 * JSON string values, and {@code {"$include": "events/projections.json"}} where one JSON value is
 * kept in a file of its own because several templates share it (the included file is read as if it
 * stood there, and may include in turn, up to 4 levels deep).
 *
 * <p>Rendering replaces every placeholder with its parameter, JSON-escaped, so a parameter can
 * never change the structure of the spec. A placeholder without a parameter, or a parameter the
 * template does not use, is an error: a typo must not silently produce a spec with a literal {@code
 * ${...}} in it. Instances are immutable and thread-safe.
 */
public final class SpecTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
  private static final Pattern INCLUDE =
      Pattern.compile("\\{\\s*\"\\$include\"\\s*:\\s*\"([a-z0-9_/-]+\\.json)\"\\s*}");
  private static final String ROOT = "ingestion-specs/";
  private static final int MAX_INCLUDE_DEPTH = 4;

  private final String name;
  private final String text;

  private SpecTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /**
   * Loads a template by its path below {@code ingestion-specs/}, e.g. {@code
   * events/supervisor.json}.
   */
  public static SpecTemplate load(String path) {
    return new SpecTemplate(path, read(path, 0));
  }

  /** The text of {@code path}, its includes replaced by theirs. */
  private static String read(String path, int depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw new IllegalArgumentException(
          "Ingestion spec template "
              + path
              + " is included more than "
              + MAX_INCLUDE_DEPTH
              + " levels deep");
    }
    String text;
    try (InputStream in = SpecTemplate.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No ingestion spec template " + ROOT + path);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read ingestion spec template " + path, e);
    }
    Matcher m = INCLUDE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(read(m.group(1), depth + 1).strip()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The names of the placeholders this template uses, sorted. */
  public SortedSet<String> parameterNames() {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Renders the template.
   *
   * @throws IllegalArgumentException if a placeholder has no parameter or a parameter is unused
   */
  public String render(Map<String, String> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    TreeSet<String> unused = new TreeSet<>(parameters.keySet());
    unused.removeAll(parameterNames());
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(name + " has no parameter(s) " + unused);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (m.find()) {
      String value = parameters.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(name + " needs parameter '" + m.group(1) + "'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(jsonEscape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Path of this template below {@code ingestion-specs/}. */
  public String name() {
    return name;
  }

  private static String jsonEscape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
