package io.canopy.controlplane.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON request body Jackson could not read: 400 naming the field ({@code quotas.maxBatchEvents})
 * and what is wrong with it, instead of Dropwizard's generic "Unable to process JSON". The message
 * is always Canopy's own: Jackson's would name Java classes. A polymorphic object (a filter) with a
 * missing or unknown type names its type property ({@code filter.filters[1].type}) and lists the
 * types there are.
 */
public final class JsonBodyExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Set<Class<?>> INTEGERS =
      Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class);

  @Override
  public Response toResponse(JsonProcessingException e) {
    String field = null;
    String error;
    if (e instanceof InvalidTypeIdException type) {
      field = PolymorphicTypes.field(path(type), type.getBaseType());
      error = field + " " + PolymorphicTypes.problem(type.getTypeId(), type.getBaseType());
    } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = path(mapping);
      error = field + " " + problem(mapping);
    } else if (e instanceof JsonParseException) {
      JsonLocation at = e.getLocation();
      error =
          at == null
              ? "the body is not valid JSON"
              : "the body is not valid JSON (line "
                  + at.getLineNr()
                  + ", column "
                  + at.getColumnNr()
                  + ")";
      field = "body";
    } else {
      error = "the body must be a JSON object of the documented shape";
      field = "body";
    }
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(error, field, null, null))
        .build();
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof StrictText.TextRefusedException) {
      return e.getOriginalMessage();
    }
    if (e instanceof MismatchedInputException m
        && m.getTargetType() != null
        && INTEGERS.contains(m.getTargetType())) {
      return "must be a whole number";
    }
    return "has the wrong type";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
