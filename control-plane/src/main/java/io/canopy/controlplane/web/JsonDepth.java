package io.canopy.controlplane.web;

/** How deep a JSON text nests: the most objects and arrays open at once, outside strings. */
final class JsonDepth {
  private JsonDepth() {}

  /** The depth of {@code json} as UTF-8 bytes; malformed JSON is Jackson's to refuse. */
  static int of(byte[] json) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        deepest = Math.max(deepest, ++depth);
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return deepest;
  }
}
