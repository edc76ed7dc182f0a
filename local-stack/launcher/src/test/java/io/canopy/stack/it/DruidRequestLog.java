package io.canopy.stack.it;

import io.canopy.stack.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The broker's request log ({@code logs/druid-requests/}): one line per query when it ends in
 * Druid, answered or failed, with its {@code sqlQueryId} and whether it succeeded.
 */
final class DruidRequestLog {
  private static final Pattern QUERY_ID = Pattern.compile("\"sqlQueryId\":\"(canopy-[^\"]+)\"");

  private DruidRequestLog() {}

  /**
   * What the log keeps of a value a query compared with (a SQL literal, a filter value): {@code ~}
   * and 12 hex digits of its HMAC-SHA256 under the stack's internal secret, computed here apart
   * from the extension's code.
   */
  static String digest(String value) {
    String secret = new Secrets(LocalStackExtension.stack().layout().secrets()).internalSecret();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] hash = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return "~" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines that contain {@code text}. */
  static List<String> linesWith(String text) {
    Path dir = LocalStackExtension.stack().layout().logs().resolve("druid-requests");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.contains(text)) {
            lines.add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** The distinct Canopy query ids on lines naming {@code slug}. */
  static Set<String> queryIdsOf(String slug) {
    Set<String> ids = new TreeSet<>();
    for (String line : linesWith(slug)) {
      Matcher m = QUERY_ID.matcher(line);
      while (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }
}
