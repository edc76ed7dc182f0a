package io.canopy.druid.sketch.aggregation;

import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The accumulators of the buffer and vector aggregators, keyed by (buffer, position).
 *
 * <p>CPC, Frequent Items and REQ sketches only exist on the heap: DataSketches has no form of them
 * that updates in place inside a {@code ByteBuffer}. So the slot Druid reserves in its buffer for
 * each group stays unused and the group's accumulator lives here instead, found by the buffer's
 * identity and the slot's position. Druid still reserves {@code getMaxIntermediateSize()} bytes per
 * slot, which keeps its memory accounting honest: the heap object is at most about that size.
 * {@link #relocate} follows Druid when it moves a slot (groupBy hash tables grow by moving).
 *
 * <p>Not thread-safe: Druid drives buffer and vector aggregators from one thread.
 */
public final class HeapSketchStore<A> {
  private final Supplier<A> factory;
  private final Map<ByteBuffer, Int2ObjectMap<A>> accumulators = new IdentityHashMap<>();

  public HeapSketchStore(Supplier<A> factory) {
    this.factory = factory;
  }

  /** Starts a fresh accumulator at the slot, replacing any a previous group left there. */
  public void init(ByteBuffer buffer, int position) {
    accumulators
        .computeIfAbsent(buffer, b -> new Int2ObjectOpenHashMap<>())
        .put(position, factory.get());
  }

  /** The slot's accumulator; starts one if Druid aggregates into a slot it never initialized. */
  public A get(ByteBuffer buffer, int position) {
    Int2ObjectMap<A> slots =
        accumulators.computeIfAbsent(buffer, b -> new Int2ObjectOpenHashMap<>());
    A accumulator = slots.get(position);
    if (accumulator == null) {
      accumulator = factory.get();
      slots.put(position, accumulator);
    }
    return accumulator;
  }

  public void relocate(
      int oldPosition, int newPosition, ByteBuffer oldBuffer, ByteBuffer newBuffer) {
    Int2ObjectMap<A> oldSlots = accumulators.get(oldBuffer);
    A accumulator = oldSlots == null ? null : oldSlots.remove(oldPosition);
    if (accumulator == null) {
      return;
    }
    accumulators
        .computeIfAbsent(newBuffer, b -> new Int2ObjectOpenHashMap<>())
        .put(newPosition, accumulator);
    if (oldSlots.isEmpty()) {
      accumulators.remove(oldBuffer);
    }
  }

  public void clear() {
    accumulators.clear();
  }
}
