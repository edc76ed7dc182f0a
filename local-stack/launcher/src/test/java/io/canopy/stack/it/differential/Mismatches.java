package io.canopy.stack.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mismatches of a run, by class ("empty bucket left out", "value: sum", …): how many of each,
 * and the first of each in full (the question with its endpoint, the moments it was asked and
 * answered, the answer, and the truth against it), so a failure can be replayed. Thread-safe.
 */
final class Mismatches {
  /** One difference between an answer and the truth. */
  record Found(String kind, String detail) {}

  /** A non-200 answer, classed by status and the error's words (numbers and quotes left out). */
  static Found refused(Exchange x) {
    String error = x.answer().path("error").asText(x.body());
    String words = error.replaceAll("\\[[^]]*]|'[^']*'|\"[^\"]*\"|[0-9]+", "…");
    return new Found(
        "HTTP " + x.status() + " " + words.substring(0, Math.min(60, words.length())), x.body());
  }

  /**
   * The differences of {@code x}: its refusal if it was not answered (200), else those under the
   * first set of measure definitions that has none (a measure redefined while it was asked may be
   * judged by either), else those under the first set.
   */
  static List<Found> underAnyDefinition(
      Exchange x, java.util.function.Function<Map<String, MeasureDef>, List<Found>> check) {
    if (x.status() != 200) {
      return List.of(refused(x));
    }
    List<Found> first = null;
    for (Map<String, MeasureDef> measures :
        x.question().tenant().catalogs(x.askedAt(), x.answeredAt())) {
      List<Found> found = check.apply(measures);
      if (found.isEmpty()) {
        return found;
      }
      first = first == null ? found : first;
    }
    return first;
  }

  private record First(Found found, Exchange exchange, int order) {}

  private final Map<String, AtomicInteger> counts = new ConcurrentSkipListMap<>();
  private final Map<String, First> firsts = new ConcurrentSkipListMap<>();
  private final AtomicInteger order = new AtomicInteger();
  private final AtomicInteger answers = new AtomicInteger();

  /** Records an answer's differences (none: a match). */
  void add(Exchange x, List<Found> found) {
    if (!found.isEmpty()) {
      answers.incrementAndGet();
    }
    for (Found f : found) {
      counts.computeIfAbsent(f.kind(), k -> new AtomicInteger()).incrementAndGet();
      firsts.putIfAbsent(f.kind(), new First(f, x, order.incrementAndGet()));
    }
  }

  /** How many answers differed from the truth. */
  int answers() {
    return answers.get();
  }

  /** The classes found, with their counts. */
  Map<String, Integer> classes() {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Every class with its count and first occurrence in full, the first found first. */
  String report(long seed) {
    List<First> all = new ArrayList<>(firsts.values());
    all.sort((a, b) -> Integer.compare(a.order(), b.order()));
    StringBuilder out =
        new StringBuilder(answers() + " answers differed from the model (seed " + seed + "):\n");
    for (First f : all) {
      out.append("\n[")
          .append(f.found().kind())
          .append("] ×")
          .append(counts.get(f.found().kind()).get())
          .append(", first: ")
          .append(f.found().detail())
          .append("\n  ")
          .append(f.exchange().describe())
          .append("\n  replay: -Ddiff.seed=")
          .append(seed)
          .append(" -Ddiff.replay=")
          .append(f.exchange().question().id())
          .append('\n');
    }
    return out.toString();
  }
}
