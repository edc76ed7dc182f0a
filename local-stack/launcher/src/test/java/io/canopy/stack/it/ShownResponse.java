package io.canopy.stack.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of an answer a document shows ({@code curl -i}), as comments: a status line {@code #
 * HTTP/1.1 429 Too Many Requests} and the comment lines {@code # Name: value} right under it. A
 * printed answer shows it when its status code is the same and it has each header shown, with that
 * value ({@code …} in a value stands for any characters). Other headers may be there.
 *
 * @param status the status code shown
 * @param headers each shown header by its lower-case name
 */
record ShownResponse(String status, Map<String, String> headers) {
  private static final Pattern STATUS_LINE =
      Pattern.compile("# HTTP/[0-9.]+ ([1-5][0-9][0-9])\\b.*");
  private static final Pattern HEADER = Pattern.compile("# ([A-Za-z][A-Za-z0-9-]*): (.+)");

  /** The responses {@code script}'s comments show, in order. */
  static List<ShownResponse> in(String script) {
    List<ShownResponse> shown = new ArrayList<>();
    String status = null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : (script + "\n").split("\n", -1)) {
      String t = line.strip();
      Matcher header = HEADER.matcher(t);
      if (status != null && header.matches()) {
        headers.put(header.group(1).toLowerCase(Locale.ROOT), header.group(2).strip());
        continue;
      }
      if (status != null) {
        shown.add(new ShownResponse(status, Collections.unmodifiableMap(headers)));
        status = null;
        headers = new LinkedHashMap<>();
      }
      Matcher statusLine = STATUS_LINE.matcher(t);
      if (statusLine.matches()) {
        status = statusLine.group(1);
      }
    }
    return shown;
  }

  /** Whether {@code printed}, a header section as {@link PrintedAnswers} reads it, shows this. */
  boolean matches(Map<String, String> printed) {
    if (!status.equals(printed.get(":status"))) {
      return false;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String value = printed.get(h.getKey());
      if (value == null || !ShownAnswer.glob(h.getValue()).matcher(value).matches()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("HTTP " + status);
    headers.forEach((name, value) -> s.append(", ").append(name).append(": ").append(value));
    return s.toString();
  }
}
