package io.canopy.stack.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order questions are asked in, from a seed: about half of the asks repeat an earlier question
 * (so answers also come from the cache), and about one in twelve is a pair, the same question over
 * two ranges, asked back to back by one client or at once by two (the shape of issue 32's cache
 * bug; a third of pairs are its very question). Immutable.
 */
final class Schedule {
  /** One ask: a question, or two of one shape. */
  record Item(int first, int second, boolean concurrent) {
    boolean pair() {
      return second >= 0;
    }
  }

  private final List<Item> items = new ArrayList<>();

  Schedule(long seed, int asks) {
    Random r = new Random(seed ^ 0x5DEECE66DL);
    int next = 0;
    int pairs = 0;
    List<Integer> asked = new ArrayList<>();
    while (items.size() < asks) {
      int roll = r.nextInt(100);
      if (roll < 8) {
        int id = QuestionGenerator.PAIR_FIRST + pairs++;
        items.add(new Item(id, QuestionGenerator.PAIRED + id, r.nextBoolean()));
      } else if (roll < 53 && !asked.isEmpty()) {
        items.add(new Item(asked.get(r.nextInt(asked.size())), -1, false));
      } else {
        int id = next++;
        asked.add(id);
        items.add(new Item(id, -1, false));
      }
    }
  }

  int size() {
    return items.size();
  }

  Item get(int i) {
    return items.get(i % items.size());
  }
}
