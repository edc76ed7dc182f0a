package io.canopy.controlplane.druid;

import io.canopy.controlplane.common.InvalidInputException;

/**
 * A rendered Druid spec that {@link SpecValidator} refuses, naming the JSON path at fault ({@code
 * spec.ioConfig.consumerProperties.sasl.jaas.config}); the web layer answers 422. Nothing of it was
 * sent to Druid.
 */
public final class SpecRejectedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public SpecRejectedException(String path, String reason) {
    super(
        Kind.UNPROCESSABLE,
        path,
        "the Druid spec was refused before reaching Druid: " + path + " " + reason);
  }
}
