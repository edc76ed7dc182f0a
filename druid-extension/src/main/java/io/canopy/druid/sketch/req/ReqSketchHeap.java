package io.canopy.druid.sketch.req;

import org.apache.datasketches.req.ReqSketch;

/**
 * An upper estimate of a REQ sketch's heap, from what DataSketches shows of it. Each compactor
 * level starts with a float buffer of {@code 12 k} values (twice its nominal capacity of {@code 6
 * k}); a new level is added each time the retained values double past that; buffers grow to hold
 * what is retained, so retained values are counted twice over.
 */
final class ReqSketchHeap {
  private static final long SKETCH_BYTES = 256;
  private static final long LEVEL_BYTES = 64;

  private ReqSketchHeap() {}

  static long bytes(ReqSketch sketch) {
    long k = sketch.getK();
    long nominal = 6 * k;
    long n = sketch.getN();
    long levels = n <= nominal ? 1 : 2 + (63 - Long.numberOfLeadingZeros(n / nominal));
    return SKETCH_BYTES + levels * (LEVEL_BYTES + 8 * nominal) + 8L * sketch.getNumRetained();
  }
}
