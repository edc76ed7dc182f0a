package io.canopy.controlplane.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with {@link BatchException.Problem#TOO_LARGE} as soon as more than {@code limit} bytes are
 * read, so neither a huge body nor a gzip bomb is ever held in memory. Not thread-safe.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  private void add(int n) {
    count += n;
    if (count > limit) {
      throw new BatchException(
          BatchException.Problem.TOO_LARGE, "request body is larger than " + limit + " bytes");
    }
  }
}
