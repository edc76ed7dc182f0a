package io.canopy.stack.bench;

import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Cached throughput of the query API: {@code clients} threads asking the 7-day dashboard's widgets
 * in turn, every answer in the control plane's cache, measured for {@code seconds} after a 5 s
 * warm-up, with the CPU of the client, the control plane and the machine stated.
 *
 * <p>Closed loop ({@link #closed}): each thread asks again as soon as it has its answer, which
 * measures capacity; with {@code n} threads, requests/s × mean latency = {@code n}, so its
 * latencies say how long a queue of {@code n} is, not how fast one answer is. Paced ({@link
 * #paced}): requests are due at an offered rate whatever the answers do — client {@code c}'s {@code
 * k}-th at {@code (k·clients + c) / rate} — and each latency runs from when the request was due, so
 * a stall counts against every request it held back (no coordinated omission).
 */
final class CachedLoad {
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  /** The measured time is reported in windows of this length, to show when the tail happened. */
  private static final Duration WINDOW = Duration.ofSeconds(5);

  private final QueryClient client;
  private final StackPorts ports;
  private final long controlPlanePid;
  private final int clients;
  private final int seconds;
  private final PrintStream out;

  CachedLoad(
      QueryClient client,
      long controlPlanePid,
      StackPorts ports,
      int clients,
      int seconds,
      PrintStream out) {
    this.client = client;
    this.ports = ports;
    this.controlPlanePid = controlPlanePid;
    this.clients = clients;
    this.seconds = seconds;
    this.out = out;
  }

  /** Each thread asks again as soon as it has its answer. */
  void closed() throws Exception {
    out.printf(
        "   cached, closed loop: %d clients each asking again on its answer, %d s after %d s...%n",
        clients, seconds, WARM_UP.toSeconds());
    drive(Double.NaN);
  }

  /** Requests due at {@code rate} per second over all the threads, latency from when due. */
  void paced(double rate) throws Exception {
    out.printf(
        "   cached, paced: %,.0f requests/s offered over %d clients, latency from when due,"
            + " %d s after %d s...%n",
        rate, clients, seconds, WARM_UP.toSeconds());
    drive(rate);
  }

  /** {@code rate} NaN: closed loop. */
  private void drive(double rate) throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    int windows = (int) Math.ceil(seconds / (double) WINDOW.toSeconds());
    List<List<Double>> byWindow = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      byWindow.add(Collections.synchronizedList(new ArrayList<>()));
    }
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    long begin = System.nanoTime();
    long warmedUp = begin + WARM_UP.toNanos();
    long end = warmedUp + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int me = c;
      threads.add(
          pool.submit(
              () -> {
                List<Double> mine = new ArrayList<>();
                for (long k = 0; ; k++) {
                  long due =
                      Double.isNaN(rate)
                          ? System.nanoTime()
                          : begin + (long) ((k * clients + me) * 1e9 / rate);
                  if (due >= end) {
                    break;
                  }
                  waitUntil(due);
                  List<QueryDashboard.Widget> widgets = QueryDashboard.SEVEN_DAYS;
                  String model = widgets.get((int) ((k + me) % widgets.size())).model();
                  try {
                    client.answer(model, false);
                  } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    if (failed.size() < 3) {
                      failed.add(String.valueOf(e.getMessage()));
                    }
                    continue;
                  }
                  long answered = System.nanoTime();
                  if (due >= warmedUp) {
                    double millis = (answered - due) / 1e6;
                    mine.add(millis);
                    int w = (int) ((due - warmedUp) / WINDOW.toNanos());
                    byWindow.get(Math.min(w, windows - 1)).add(millis);
                    lastAnswer.accumulateAndGet(answered, Math::max);
                  }
                }
                latencies.addAll(mine);
                return null;
              }));
    }
    waitUntil(warmedUp);
    CacheCounts before = CacheCounts.read(ports);
    CpuMeter meter = CpuMeter.start(controlPlanePid);
    for (Future<?> t : threads) {
      t.get();
    }
    CpuMeter.Cores cores = meter.stop();
    pool.shutdown();
    report(latencies, (lastAnswer.get() - warmedUp) / 1e9, cores, before);
    out.println("     p99 per " + WINDOW.toSeconds() + " s, by when due: " + perWindow(byWindow));
    if (failures.get() > 0) {
      throw new StackException(failures.get() + " requests failed, e.g. " + failed);
    }
  }

  private void report(
      List<Double> latencies, double elapsed, CpuMeter.Cores cores, CacheCounts before)
      throws Exception {
    if (latencies.isEmpty()) {
      throw new StackException("no request was answered in the measured " + seconds + " s");
    }
    out.printf(
        "     %,d requests answered in %.1f s = %,.0f requests/s; %s%n",
        latencies.size(), elapsed, latencies.size() / elapsed, Percentiles.of(latencies));
    out.println("     " + CacheCounts.read(ports).since(before));
    out.println("     " + cores);
  }

  /** Each window's p99 in milliseconds, in order; "-" for a window without an answer. */
  private static String perWindow(List<List<Double>> byWindow) {
    List<String> p99s = new ArrayList<>();
    for (List<Double> w : byWindow) {
      p99s.add(w.isEmpty() ? "-" : String.format("%.0f", Percentiles.of(w).p99()));
    }
    return String.join(" ", p99s) + " ms";
  }

  private static void waitUntil(long nanoTime) {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
