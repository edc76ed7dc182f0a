package io.canopy.stack.it;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a block of commands printed, read the way its reader reads it: JSON answers (curl's bodies,
 * back to back, since curl adds no newline, or on lines of their own; a status that {@code -w
 * '%{http_code}'} printed is a JSON number), HTTP header sections ({@code curl -i}), and whatever
 * else it printed, which is no answer: a shell's or a tool's complaint ({@code uuidgen: command not
 * found}), an HTML error page.
 *
 * @param answers the JSON answers, in order
 * @param responses the header sections, in order: each header by its lower-case name, and the
 *     status line's code as {@code :status}
 * @param other each line, or the rest of a line, that is neither
 */
record PrintedAnswers(
    List<JsonNode> answers, List<Map<String, String>> responses, List<String> other) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PrintedAnswers read(String printed) {
    String text = printed.replace("\r", "");
    List<JsonNode> answers = new ArrayList<>();
    List<Map<String, String>> responses = new ArrayList<>();
    List<String> other = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
      } else if (text.startsWith("HTTP/", at)) {
        int end = text.indexOf("\n\n", at);
        end = end < 0 ? text.length() : end;
        responses.add(headers(text.substring(at, end)));
        at = end;
      } else {
        int json = jsonEnd(text, at, answers);
        if (json > at) {
          at = json;
        } else {
          int eol = text.indexOf('\n', at);
          int end = eol < 0 ? text.length() : eol;
          other.add(text.substring(at, end));
          at = end;
        }
      }
    }
    return new PrintedAnswers(List.copyOf(answers), List.copyOf(responses), List.copyOf(other));
  }

  private static Map<String, String> headers(String section) {
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = section.split("\n");
    String[] status = lines[0].split(" ", 3);
    headers.put(":status", status.length > 1 ? status[1] : "");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private static boolean isSpace(String text, int at) {
    return Character.isWhitespace(text.charAt(at));
  }

  /** Reads one JSON value at {@code at} into {@code answers}: where it ends, or {@code at}. */
  private static int jsonEnd(String text, int at, List<JsonNode> answers) {
    if ("{[\"-0123456789".indexOf(text.charAt(at)) < 0) {
      return at; // true, false and null are words a complaint may start with: not answers here
    }
    try (JsonParser parser = JSON.createParser(text.substring(at))) {
      JsonNode value = JSON.readTree(parser);
      int end = at + (int) parser.currentLocation().getCharOffset();
      // A number ends where its text does: the parser reads one character past it to know.
      while (value != null && value.isValueNode() && end > at && isSpace(text, end - 1)) {
        end--;
      }
      boolean ends = end == text.length() || Character.isWhitespace(text.charAt(end));
      if (value == null || end <= at || !value.isContainerNode() && !ends) {
        return at; // "3rd" is prose, not the number 3; a JSON body may run into the next one
      }
      answers.add(value);
      return end;
    } catch (IOException notJson) {
      return at;
    }
  }
}
