package io.canopy.controlplane.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Strict UTF-8 (RFC 3629) over a byte stream, checked as it is read: no overlong forms (such as
 * {@code C0 AF} for {@code /}), no encoded surrogates, nothing above U+10FFFF, no truncated
 * sequence. Java's and Jackson's decoders accept some of these; a request body must not. Not
 * thread-safe (one stream, one reader).
 */
public final class StrictUtf8 extends FilterInputStream {
  /** The body is not valid UTF-8; {@link #offset()} is the first byte at fault. */
  public static final class InvalidUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    InvalidUtf8Exception(long offset) {
      super("not valid UTF-8 at byte " + offset);
      this.offset = offset;
    }

    public long offset() {
      return offset;
    }
  }

  private long position;
  private int pending; // continuation bytes still expected
  private int low = 0x80; // range of the next continuation byte
  private int high = 0xBF;

  public StrictUtf8(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      end();
    } else {
      check(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n < 0) {
      end();
    }
    for (int i = 0; i < n; i++) {
      check(buf[off + i] & 0xFF);
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void end() throws InvalidUtf8Exception {
    if (pending > 0) {
      throw new InvalidUtf8Exception(position);
    }
  }

  private void check(int b) throws InvalidUtf8Exception {
    if (pending > 0) {
      if (b < low || b > high) {
        throw new InvalidUtf8Exception(position);
      }
      pending--;
      low = 0x80;
      high = 0xBF;
    } else if (b >= 0x80) {
      start(b);
    }
    position++;
  }

  /** The lead byte of a multi-byte sequence: how many follow, and the first one's range. */
  private void start(int b) throws InvalidUtf8Exception {
    if (b >= 0xC2 && b <= 0xDF) {
      pending = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      pending = 2;
      if (b == 0xE0) {
        low = 0xA0; // below: overlong
      } else if (b == 0xED) {
        high = 0x9F; // above: surrogates
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      pending = 3;
      if (b == 0xF0) {
        low = 0x90; // below: overlong
      } else if (b == 0xF4) {
        high = 0x8F; // above: beyond U+10FFFF
      }
    } else {
      throw new InvalidUtf8Exception(position); // C0, C1, F5–FF, or a stray continuation
    }
  }
}
