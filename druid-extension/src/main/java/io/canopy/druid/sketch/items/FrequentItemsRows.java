package io.canopy.druid.sketch.items;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/** The top-K rows of a Frequent Items sketch, as post-aggregators and finalization return them. */
final class FrequentItemsRows {
  private FrequentItemsRows() {}

  /**
   * The {@code k} items with the highest estimates, highest first, each as {@code {item, estimate,
   * lowerBound, upperBound}}. With {@code NO_FALSE_POSITIVES} every item listed is truly above the
   * sketch's error threshold; with {@code NO_FALSE_NEGATIVES} no item above it is missing.
   */
  static List<Map<String, Object>> topK(ItemsSketch<String> sketch, int k, ErrorType errorType) {
    ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(errorType);
    List<Map<String, Object>> top = new ArrayList<>(Math.min(k, rows.length));
    for (ItemsSketch.Row<String> row : Arrays.copyOf(rows, Math.min(k, rows.length))) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("item", row.getItem());
      out.put("estimate", row.getEstimate());
      out.put("lowerBound", row.getLowerBound());
      out.put("upperBound", row.getUpperBound());
      top.add(out);
    }
    return top;
  }

  /** Just the items of {@link #topK}, highest estimate first. */
  static List<String> topKItems(ItemsSketch<String> sketch, int k, ErrorType errorType) {
    ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(errorType);
    List<String> items = new ArrayList<>(Math.min(k, rows.length));
    for (int i = 0; i < rows.length && i < k; i++) {
      items.add(rows[i].getItem());
    }
    return items;
  }
}
