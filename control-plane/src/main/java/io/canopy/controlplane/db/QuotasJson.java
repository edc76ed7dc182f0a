package io.canopy.controlplane.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.common.Quotas;

/** The stored JSONB form of {@link Quotas}: the fields that are set, by name. */
public final class QuotasJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QuotasJson() {}

  public static String write(Quotas quotas) {
    try {
      return JSON.writeValueAsString(quotas);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("quotas are plain numbers", e);
    }
  }

  public static Quotas read(String json) {
    try {
      return JSON.readValue(json, Quotas.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored quotas are not valid JSON", e);
    }
  }
}
