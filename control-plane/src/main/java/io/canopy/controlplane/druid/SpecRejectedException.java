package io.canopy.controlplane.druid;

import io.canopy.controlplane.web.ApiException;

/**
 * A rendered Druid spec that {@link SpecValidator} refuses: 422 naming the JSON path at fault
 * ({@code spec.ioConfig.consumerProperties.sasl.jaas.config}). Nothing of it was sent to Druid.
 */
public final class SpecRejectedException extends ApiException {
  public SpecRejectedException(String path, String reason) {
    super(422, "the Druid spec was refused before reaching Druid: " + path + " " + reason, path);
  }
}
