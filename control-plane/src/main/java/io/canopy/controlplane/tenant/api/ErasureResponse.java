package io.canopy.controlplane.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.erasure.ErasureProgress;
import io.canopy.controlplane.erasure.ErasureState;
import java.time.Instant;

/**
 * How far the erasure of a deleted tenant's rows from the pooled datasource has come: {@code
 * pending} until Druid shows none of them, then {@code done}. {@code passes} counts the compaction
 * passes so far; {@code lastError} is the last failed one, which was tried again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureResponse(
    ErasureState state,
    String datasource,
    Instant requestedAt,
    Instant completedAt,
    int passes,
    String lastError) {
  static ErasureResponse of(ErasureProgress e) {
    return new ErasureResponse(
        e.state(), e.datasource(), e.requestedAt(), e.completedAt(), e.passes(), e.lastError());
  }
}
