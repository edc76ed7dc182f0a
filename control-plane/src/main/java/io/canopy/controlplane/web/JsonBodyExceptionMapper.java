package io.canopy.controlplane.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.canopy.controlplane.common.RefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
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

  /** What a value of a type the API reads as text looks like. */
  private static final Map<Class<?>, String> EXPECTED =
      Map.of(
          Instant.class,
          "an ISO-8601 time with its offset, such as 2026-12-01T00:00:00Z",
          LocalDate.class,
          "a date such as 2026-12-01",
          Duration.class,
          "an ISO-8601 duration such as P1D",
          ZoneId.class,
          "a time zone such as Europe/Berlin or +05:30",
          Boolean.class,
          "true or false",
          boolean.class,
          "true or false");

  @Override
  public Response toResponse(JsonProcessingException e) {
    String field = null;
    String error;
    StreamConstraintsException limit = limitExceeded(e);
    if (limit != null) {
      field = "body";
      error = "the body nests too deep, or holds a number or a text longer than the server reads";
    } else if (e instanceof InvalidTypeIdException type) {
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

  /** The reader's limit the body broke, found under the path Jackson wraps it in; or null. */
  private static StreamConstraintsException limitExceeded(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return limit;
      }
    }
    return null;
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof StrictText.TextRefusedException) {
      return e.getOriginalMessage();
    }
    if (e.getCause() instanceof RefusedException refused) {
      // A value type refused the text in its @JsonCreator: its own words, without its field name.
      String message = refused.getMessage();
      String field = refused.field();
      return field != null && message.startsWith(field + " ")
          ? message.substring(field.length() + 1)
          : message;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      if (INTEGERS.contains(m.getTargetType())) {
        return "must be a whole number";
      }
      String expected = EXPECTED.get(m.getTargetType());
      if (expected != null) {
        return "must be " + expected;
      }
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
