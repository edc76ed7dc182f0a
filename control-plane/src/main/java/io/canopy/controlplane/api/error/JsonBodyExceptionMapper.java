package io.canopy.controlplane.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.canopy.controlplane.api.model.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * A JSON request body Jackson could not read: 400 naming the field ({@code quotas.maxBatchEvents})
 * and what is wrong with it, instead of Dropwizard's generic "Unable to process JSON".
 */
public final class JsonBodyExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    String field = null;
    String error;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      error =
          e instanceof UnrecognizedPropertyException
              ? field + " is not a known field"
              : field + " has the wrong type";
    } else {
      error = "the body is not valid JSON: " + e.getOriginalMessage();
    }
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(error, field, null, null))
        .build();
  }
}
