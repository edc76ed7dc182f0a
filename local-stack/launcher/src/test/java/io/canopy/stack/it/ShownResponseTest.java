package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShownResponseTest {
  @Test
  void aStatusLineCommentAndTheHeaderCommentsRightUnderItAreAShownResponse() {
    List<ShownResponse> shown =
        ShownResponse.in(
            """
            curl -s -i "$CANOPY_URL/v1/events"
            # HTTP/1.1 429 Too Many Requests
            # Retry-After: …
            # {"error":"…"}
            # Note: not a header of the answer above
            # HTTP/1.1 200 OK
            """);
    assertThat(shown)
        .containsExactly(
            new ShownResponse("429", Map.of("retry-after", "…")),
            new ShownResponse("200", Map.of()));
  }

  @Test
  void aPrintedResponseShowsItWithTheSameStatusAndEveryHeaderShown() {
    ShownResponse replayed = new ShownResponse("200", Map.of("idempotency-replayed", "true"));
    assertThat(replayed.matches(Map.of(":status", "200", "idempotency-replayed", "true", "a", "b")))
        .isTrue();
    assertThat(replayed.matches(Map.of(":status", "200"))).isFalse();
    assertThat(replayed.matches(Map.of(":status", "200", "idempotency-replayed", "false")))
        .isFalse();
    assertThat(replayed.matches(Map.of(":status", "409", "idempotency-replayed", "true")))
        .isFalse();
    assertThat(
            new ShownResponse("429", Map.of("retry-after", "…"))
                .matches(Map.of(":status", "429", "retry-after", "3")))
        .isTrue();
  }
}
