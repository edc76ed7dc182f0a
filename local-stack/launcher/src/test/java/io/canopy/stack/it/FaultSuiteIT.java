package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.chaos.FaultSuite;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault suite in its reduced form for CI ({@code bin/canopy chaos} runs every fault): under
 * steady load with idempotency keys and the documented retries, kill -9 and restart the indexer and
 * the control plane, and force a handoff; after each, stored equals acknowledged, batch by batch.
 * Kafka's outage is {@link DeliveryGuaranteesIT}'s.
 */
@ExtendWith(LocalStackExtension.class)
class FaultSuiteIT {
  @Test
  void storedEqualsAcknowledgedAfterEachFault() throws Exception {
    List<FaultSuite.Result> results =
        new FaultSuite(LocalStackExtension.stack(), System.out)
            .run(List.of("druid-indexer", "control-plane", "handoff"), 5);

    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.exact()).as("%s", r).isTrue());
    assertThat(results.get(results.size() - 1).acknowledged()).isPositive();
  }
}
