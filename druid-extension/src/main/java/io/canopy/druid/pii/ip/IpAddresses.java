package io.canopy.druid.pii.ip;

import javax.annotation.Nullable;

/**
 * Strict parsing, formatting and prefix truncation of IP address literals, without any name lookup
 * ({@code InetAddress.getByName} may query DNS). Pure functions, thread-safe.
 */
public final class IpAddresses {
  /** The prefixes Canopy keeps by default: an IPv4 /24 and an IPv6 /48 network. */
  public static final int DEFAULT_V4_PREFIX = 24;

  public static final int DEFAULT_V6_PREFIX = 48;

  private IpAddresses() {}

  /** 4 bytes for a dotted-quad IPv4, 16 for an IPv6 literal, or null when the text is neither. */
  @Nullable
  public static byte[] parse(@Nullable String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text, 0, text.length());
  }

  /**
   * The address with everything after the first {@code prefixBits} bits set to zero, formatted
   * canonically (dotted quad, or RFC 5952 for IPv6); null when the text is not an IP address.
   */
  @Nullable
  public static String truncate(@Nullable String text, int v4PrefixBits, int v6PrefixBits) {
    byte[] address = parse(text);
    if (address == null) {
      return null;
    }
    int keep = address.length == 4 ? v4PrefixBits : v6PrefixBits;
    for (int bit = keep; bit < address.length * 8; bit++) {
      address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return format(address);
  }

  public static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952: a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  @Nullable
  private static byte[] parseV4(String s, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int i = from;
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < to && i - start < 3 && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || digits > 1 && s.charAt(start) == '0') {
        return null;
      }
      out[part++] = (byte) value;
      if (part < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == to ? out : null;
  }

  @Nullable
  private static byte[] parseV6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    byte[] out = new byte[16];
    if (gap < 0) {
      return fillGroups(s, 0, s.length(), out, 0, 16) == 16 ? out : null;
    }
    byte[] tail = new byte[16];
    int headBytes = gap == 0 ? 0 : fillGroups(s, 0, gap, out, 0, 14);
    int tailBytes = gap + 2 == s.length() ? 0 : fillGroups(s, gap + 2, s.length(), tail, 0, 14);
    if (headBytes < 0 || tailBytes < 0 || headBytes + tailBytes > 14) {
      return null;
    }
    System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
    return out;
  }

  /**
   * Parses colon-separated hex groups (the last may be a dotted IPv4) of s[from, to) into out at
   * offset; returns the number of bytes written, or -1 when malformed or more than max bytes.
   */
  private static int fillGroups(String s, int from, int to, byte[] out, int offset, int max) {
    int written = 0;
    int i = from;
    while (true) {
      int end = s.indexOf(':', i);
      end = end < 0 || end > to ? to : end;
      if (end == to && s.lastIndexOf('.', to - 1) >= i) {
        byte[] v4 = parseV4(s, i, to);
        if (v4 == null || written + 4 > max) {
          return -1;
        }
        System.arraycopy(v4, 0, out, offset + written, 4);
        return written + 4;
      }
      int length = end - i;
      if (length < 1 || length > 4 || written + 2 > max) {
        return -1;
      }
      int value = 0;
      for (int k = i; k < end; k++) {
        int digit = Character.digit(s.charAt(k), 16);
        if (digit < 0 || s.charAt(k) > 'f') {
          return -1;
        }
        value = value << 4 | digit;
      }
      out[offset + written++] = (byte) (value >>> 8);
      out[offset + written++] = (byte) value;
      if (end == to) {
        return written;
      }
      i = end + 1;
    }
  }
}
