package io.canopy.controlplane.api;

import io.canopy.controlplane.api.error.ApiException;

/** The JSON body of a POST or PATCH: JAX-RS hands a missing one over as null. */
final class RequestBodies {
  private RequestBodies() {}

  static <T> T required(T body) {
    if (body == null) {
      throw ApiException.invalid("body", "is required: a JSON object");
    }
    return body;
  }
}
