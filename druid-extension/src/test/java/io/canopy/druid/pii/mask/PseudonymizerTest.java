package io.canopy.druid.pii.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final Pseudonymizer P =
      new Pseudonymizer("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void distinctValuesStayDistinct() {
    Set<String> pseudonyms = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      pseudonyms.add(P.pseudonymize("user-" + i));
    }
    assertThat(pseudonyms).hasSize(200_000);
  }

  @Test
  void threadsSharingOnePseudonymizerAgreeWithOneThread() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      expected.add(P.pseudonymize("user-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> mine = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    mine.add(P.pseudonymize("user-" + i));
                  }
                  return mine;
                }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** RFC 4231 test case 2, whose HMAC-SHA256 is 5bdcc146bf60754e6a042426089575c7…: */
  @Test
  void isTheFirst128BitsOfHmacSha256InBase64Url() {
    Pseudonymizer rfc = new Pseudonymizer("rfc", "Jefe".getBytes(StandardCharsets.UTF_8));
    assertThat(rfc.pseudonymize("what do ya want for nothing?"))
        .isEqualTo("W9zBRr9gdU5qBCQmCJV1xw")
        .hasSize(Pseudonymizer.LENGTH);
    assertThat(rfc.pseudonymize(null)).isNull();
    assertThat(P.toString()).doesNotContain("0123456789abcdef");
  }
}
