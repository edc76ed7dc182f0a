package io.canopy.stack.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An answer a document shows under a command, as a comment: {@code # {"accepted":1,"rejected":[]}},
 * {@code # [...]}, or an HTTP status alone ({@code # 404}, what {@code curl -w '%{http_code}'}
 * prints). The text after {@code # } is JSON, and only JSON (a remark goes on a line of its own),
 * in which {@code …} stands for what varies:
 *
 * <ul>
 *   <li>{@code "…"} or a bare {@code …} as a value: any value;
 *   <li>{@code …} inside a string: any characters there ({@code "cnp_…_…"});
 *   <li>{@code …} as a member of an object ({@code {"slug":"acme",…}}): more members may follow;
 *       without it, the answer has exactly the members shown;
 *   <li>{@code …} as the last element of an array ({@code [{"page":"/"}, …]}): more elements may
 *       follow; without it, the answer has exactly the elements shown.
 * </ul>
 *
 * Numbers match by value ({@code 1.0} is {@code 1}); everything else as JSON equality. Immutable.
 */
final class ShownAnswer {
  static final String ELLIPSIS = "\u2026";
  private static final ObjectReader JSON =
      new ObjectMapper()
          .readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");

  private final String text;
  private final JsonNode template;

  private ShownAnswer(String text, JsonNode template) {
    this.text = text;
    this.template = template;
  }

  /**
   * The shown answer of one line of a bash block, if it is one: a comment whose text starts with
   * {@code {} or {@code [}, or is a three-digit status.
   *
   * @throws IllegalArgumentException when the comment looks like an answer but is not JSON
   */
  static Optional<ShownAnswer> of(String line) {
    String t = line.strip();
    if (!t.startsWith("# ")) {
      return Optional.empty();
    }
    String shown = t.substring(2).strip();
    if (!(shown.startsWith("{") || shown.startsWith("[") || STATUS.matcher(shown).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ShownAnswer(shown, JSON.readValue(withEllipsesQuoted(shown))));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a shown answer is not JSON (… may stand for what varies): " + shown, e);
    }
  }

  /** Whether {@code answer} is what this shows. */
  boolean matches(JsonNode answer) {
    return matches(template, answer);
  }

  /** Whether this shows an error answer (an object with an {@code error} member). */
  boolean isError() {
    return template.isObject() && template.has("error");
  }

  @Override
  public String toString() {
    return text;
  }

  private static boolean matches(JsonNode shown, JsonNode answer) {
    if (answer == null) {
      return false;
    }
    if (shown.isTextual() && shown.asText().contains(ELLIPSIS)) {
      return shown.asText().equals(ELLIPSIS)
          || answer.isTextual() && glob(shown.asText()).matcher(answer.asText()).matches();
    }
    if (shown.isObject()) {
      return answer.isObject() && objectMatches(shown, answer);
    }
    if (shown.isArray()) {
      return answer.isArray() && arrayMatches(shown, answer);
    }
    if (shown.isNumber()) {
      return answer.isNumber() && shown.decimalValue().compareTo(answer.decimalValue()) == 0;
    }
    return shown.equals(answer);
  }

  private static boolean objectMatches(JsonNode shown, JsonNode answer) {
    boolean open = shown.has(ELLIPSIS);
    int members = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (member.getKey().equals(ELLIPSIS)) {
        continue;
      }
      members++;
      if (!matches(member.getValue(), answer.get(member.getKey()))) {
        return false;
      }
    }
    return open || answer.size() == members;
  }

  private static boolean arrayMatches(JsonNode shown, JsonNode answer) {
    int n = shown.size();
    boolean open = n > 0 && ELLIPSIS.equals(shown.get(n - 1).textValue());
    int fixed = open ? n - 1 : n;
    if (open ? answer.size() < fixed : answer.size() != fixed) {
      return false;
    }
    for (int i = 0; i < fixed; i++) {
      if (!matches(shown.get(i), answer.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code shown} as a pattern in which {@code …} stands for any characters. */
  static Pattern glob(String shown) {
    return Pattern.compile(Pattern.quote(shown).replace(ELLIPSIS, "\\E.*\\Q"), Pattern.DOTALL);
  }

  /**
   * The shown text with every {@code …} outside a string made JSON: {@code "…"} where a value goes,
   * the member {@code "…":"…"} where an object's member name goes.
   */
  static String withEllipsesQuoted(String shown) {
    StringBuilder out = new StringBuilder();
    Deque<Character> open = new ArrayDeque<>();
    boolean inString = false;
    boolean escaped = false;
    boolean nameNext = false;
    for (char c : shown.toCharArray()) {
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          nameNext = false;
        }
        case '{' -> {
          open.push(c);
          nameNext = true;
        }
        case '[' -> open.push(c);
        case '}', ']' -> open.poll();
        case ',' -> nameNext = Character.valueOf('{').equals(open.peek());
        case '\u2026' -> {
          out.append(nameNext ? "\"\u2026\":\"\u2026\"" : "\"\u2026\"");
          nameNext = false;
          continue;
        }
        default -> {}
      }
      out.append(c);
    }
    return out.toString();
  }
}
