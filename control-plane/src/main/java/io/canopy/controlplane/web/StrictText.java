package io.canopy.controlplane.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.canopy.controlplane.common.Text;
import java.io.IOException;

/**
 * Text the API accepts: no NUL character (PostgreSQL refuses the byte, and no name or cursor needs
 * it) and no unpaired UTF-16 surrogate (a JSON {@code \\uD800} escape that stands for no character;
 * it would be stored as {@code ?}). Every string of every request body goes through {@link
 * #module()}; query and path parameters through {@link #problem}.
 */
public final class StrictText {
  private StrictText() {}

  /** A Jackson module whose string deserializer refuses such text, naming the field. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("canopy-strict-text");
    module.addDeserializer(String.class, new Deserializer());
    return module;
  }

  /** The refusal; {@code JsonBodyExceptionMapper} answers it 400 with the field and this reason. */
  public static final class TextRefusedException extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    TextRefusedException(JsonParser parser, String reason) {
      super(parser, reason);
    }
  }

  private static final class Deserializer extends StringDeserializer {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = super.deserialize(p, ctxt);
      String problem = value == null ? null : Text.problem(value);
      if (problem != null) {
        throw new TextRefusedException(p, problem);
      }
      return value;
    }
  }
}
