package io.canopy.controlplane.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a request says wrong about the type of a polymorphic object ({@code {"type": "equals", …}}),
 * read from the annotations that declare its types: the type property's name and the type names
 * there are. Never a class name.
 */
final class PolymorphicTypes {
  private static final String DEFAULT_PROPERTY = "type";

  private PolymorphicTypes() {}

  /** The type property as a field: {@code filter.filters[1].type}. */
  static String field(String path, JavaType base) {
    String property = property(base);
    return path.isEmpty() ? property : path + "." + property;
  }

  /** "is required: one of …" or "must be one of: … (got "x")". */
  static String problem(String typeId, JavaType base) {
    List<String> names = names(base);
    if (names.isEmpty()) {
      return typeId == null ? "is required" : "is not a known type";
    }
    String list = String.join(", ", names);
    return typeId == null || typeId.isEmpty()
        ? "is required: one of " + list
        : "must be one of: " + list + " (got \"" + typeId + "\")";
  }

  private static String property(JavaType base) {
    JsonTypeInfo info = base == null ? null : base.getRawClass().getAnnotation(JsonTypeInfo.class);
    return info == null || info.property().isEmpty() ? DEFAULT_PROPERTY : info.property();
  }

  private static List<String> names(JavaType base) {
    JsonSubTypes types = base == null ? null : base.getRawClass().getAnnotation(JsonSubTypes.class);
    List<String> names = new ArrayList<>();
    if (types != null) {
      for (JsonSubTypes.Type t : types.value()) {
        if (!t.name().isEmpty()) {
          names.add(t.name());
        }
        names.addAll(Arrays.asList(t.names()));
      }
    }
    return names;
  }
}
