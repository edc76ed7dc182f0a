package io.canopy.druid.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reads a request's body whole, to look at it before Druid does, within a size and a time: Jetty's
 * minimum rate (128 bytes/s) bounds how slowly a body may arrive, not how long, so a large body
 * trickled at that rate would hold the thread for hours. Stateless.
 */
public final class RequestBodies {
  /** How long a body may take to arrive whole. */
  public static final Duration WITHIN = Duration.ofSeconds(30);

  /** What a caller reads when its body took longer (a 408, its connection closed). */
  public static final String TOO_SLOW = "The request's body did not arrive within 30 s.";

  /** The body was larger than allowed. */
  public static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** The body did not arrive whole in time. */
  public static final class TooSlow extends Exception {
    private static final long serialVersionUID = 1L;

    TooSlow() {
      super(null, null, false, false);
    }
  }

  private RequestBodies() {}

  /** The body of at most {@code max} bytes, read within {@link #WITHIN}. */
  public static byte[] read(InputStream in, int max) throws IOException, TooLarge, TooSlow {
    return read(in, max, WITHIN, System::nanoTime);
  }

  static byte[] read(InputStream in, int max, Duration within, LongSupplier nanoTime)
      throws IOException, TooLarge, TooSlow {
    long deadline = nanoTime.getAsLong() + within.toNanos();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, max + 1L - body.size()));
      if (n < 0) {
        return body.toByteArray();
      }
      body.write(buffer, 0, n);
      if (body.size() > max) {
        throw new TooLarge();
      }
      if (nanoTime.getAsLong() - deadline > 0) {
        throw new TooSlow();
      }
    }
  }
}
