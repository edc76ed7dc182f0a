package io.canopy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortsTest {
  @TempDir Path run;

  @Test
  void theOffsetUpUsedIsWhatStatusAndDownFind() {
    new StackPorts(10_000).save(run);

    assertThat(StackPorts.load(run)).isEqualTo(new StackPorts(10_000));
    assertThat(StackPorts.load(run.resolve("elsewhere"))).isEqualTo(new StackPorts(0));
  }

  @Test
  void noTwoComponentsShareAPort() {
    StackPorts p = new StackPorts(0);
    List<Integer> all =
        List.of(
            p.zookeeper(),
            p.kafka(),
            p.kafkaController(),
            p.postgres(),
            p.derby(),
            p.coordinator(),
            p.broker(),
            p.historicalHot(),
            p.historical(),
            p.indexer(),
            p.router(),
            p.controlPlane(),
            p.controlPlaneAdmin());

    assertThat(all).doesNotHaveDuplicates();
    assertThat(IntStream.of(p.postgres())).doesNotContain(5432);
  }

  @Test
  void urlsBindToLoopback() {
    StackPorts p = new StackPorts(0);
    assertThat(p.avaticaUrl())
        .isEqualTo(
            "jdbc:avatica:remote:url=http://127.0.0.1:8888/druid/v2/sql/avatica/;authentication=BASIC");
    assertThat(p.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
  }
}
