package io.canopy.stack.it.differential;

import java.time.Duration;

/**
 * How big a run is, from system properties (with {@code mvn … -D…}): {@code diff.seed} (default: a
 * new one, printed), {@code diff.asks} (questions to ask, pairs counted once; default 1,500),
 * {@code diff.minutes} (the longest the asking may take; default 4), {@code diff.clients}
 * (concurrent clients; default 8) and {@code diff.replay} (ask only this question of the seed).
 */
record Settings(long seed, int asks, Duration limit, int clients, Integer replay) {
  static Settings fromSystem() {
    String seed = System.getProperty("diff.seed");
    String replay = System.getProperty("diff.replay");
    return new Settings(
        seed == null || seed.isBlank() ? System.nanoTime() % 1_000_000_007L : Long.parseLong(seed),
        Integer.getInteger("diff.asks", 1_500),
        Duration.ofMinutes(Integer.getInteger("diff.minutes", 4)),
        Integer.getInteger("diff.clients", 8),
        replay == null || replay.isBlank() ? null : Integer.valueOf(replay));
  }
}
