package io.canopy.controlplane.query.api;

import java.util.Locale;

/**
 * Whether a request's {@code Cache-Control} asks for an answer from Druid rather than the cache:
 * the {@code no-cache} directive (HTTP's "revalidate before using a stored answer"), as an explore
 * view's refresh button sends it.
 */
final class NoCache {
  private NoCache() {}

  static boolean asked(String cacheControl) {
    if (cacheControl == null) {
      return false;
    }
    for (String directive : cacheControl.split(",")) {
      if (directive.trim().toLowerCase(Locale.ROOT).equals("no-cache")) {
        return true;
      }
    }
    return false;
  }
}
