package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A body read whole within its size and its time, on a clock the stream moves. */
class RequestBodiesTest {
  private final AtomicLong now = new AtomicLong();

  /** Gives one byte a read, each a second after the last: 1 byte/s, as a trickling client. */
  private InputStream trickle(int bytes) {
    return new InputStream() {
      private int left = bytes;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  @Test
  void aBodyThatTakesLongerThanItsTimeIsTooSlow() {
    assertThatThrownBy(
            () -> RequestBodies.read(trickle(100), 1_000, Duration.ofSeconds(30), now::get))
        .isInstanceOf(RequestBodies.TooSlow.class);
    assertThat(now.get()).isEqualTo(Duration.ofSeconds(31).toNanos());
  }

  @Test
  void aBodyWithinItsTimeAndSizeIsReadWhole() throws Exception {
    assertThat(RequestBodies.read(trickle(20), 1_000, Duration.ofSeconds(30), now::get))
        .hasSize(20);
    byte[] big = new byte[100_000];
    assertThat(RequestBodies.read(new ByteArrayInputStream(big), 100_000)).hasSize(100_000);
    assertThatThrownBy(() -> RequestBodies.read(new ByteArrayInputStream(big), 99_999))
        .isInstanceOf(RequestBodies.TooLarge.class);
  }
}
