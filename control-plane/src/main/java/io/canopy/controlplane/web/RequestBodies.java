package io.canopy.controlplane.web;

import io.canopy.controlplane.common.InvalidInputException;

/** The JSON body of a POST or PATCH: JAX-RS hands a missing one over as null. */
public final class RequestBodies {
  private RequestBodies() {}

  public static <T> T required(T body) {
    if (body == null) {
      throw new InvalidInputException("body", "is required: a JSON object");
    }
    return body;
  }
}
