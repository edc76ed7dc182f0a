package io.canopy.stack.it.differential;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the schedule's questions from concurrent clients and checks every answer against the model,
 * while {@link RunEvents} changes the data underneath (live traffic, a forced handoff, late events,
 * a measure redefined). It ends when every ask of the schedule is done and the events have all
 * happened with asks after them, or at the time limit. Thread-safe.
 */
final class QuestionRun {
  /**
   * Druid's refusal of a groupBy whose groups' sketches outgrow the stack's merge buffer (a REQ
   * sketch reserves about 29 KB a group): answered, as the contract wants, as a 422 with Druid's
   * message. Not a wrong number; counted, not checked.
   */
  static final String TOO_BIG = "Not enough merge buffer memory";

  /**
   * Druid 33's refusal to plan SQL that negates a condition that never holds ({@code (country =
   * 'IN' AND country = 'US') IS NOT TRUE}): {@code /v1/sql} sends the test's SQL as written, and
   * answers a 422 with Druid's message (docs/query-api.md). {@code /v1/query} folds the same filter
   * and is checked. Counted, not checked, on the SQL path only.
   */
  static final String UNPLANNABLE = "Marker filters shouldn't exist in the final filter";

  /** The count of SQL questions Druid 33 could not plan ({@link #UNPLANNABLE}). */
  static final String UNPLANNED = "SQL Druid 33 cannot plan (422)";

  /**
   * A question that ran past the tenant's query timeout (30 s), answered 504 as documented: on a
   * busy machine a week's split with a comparison can. Counted, and the test bounds how many.
   */
  static final String TIMEOUT = "quotas.queryTimeoutMs";

  /** The count of questions answered 504 past the timeout. */
  static final String TIMED_OUT = "timed out (504)";

  private final Settings settings;
  private final QuestionGenerator questions;
  private final Schedule schedule;
  private final Asker asker;
  private final AnswerChecker answers;
  private final SqlChecker sql;
  private final Mismatches mismatches;
  private final Instant t0;
  private final Handoffs handoffs;
  private final AtomicInteger cursor = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private volatile RunEvents events;

  QuestionRun(
      Settings settings,
      QuestionGenerator questions,
      Asker asker,
      AnswerChecker answers,
      SqlChecker sql,
      Mismatches mismatches,
      Instant t0,
      Handoffs handoffs) {
    this.settings = settings;
    this.questions = questions;
    this.schedule = new Schedule(settings.seed(), settings.asks());
    this.asker = asker;
    this.answers = answers;
    this.sql = sql;
    this.mismatches = mismatches;
    this.t0 = t0;
    this.handoffs = handoffs;
  }

  /** Asks until done, with {@code events} happening meanwhile; returns the counts by kind. */
  Map<String, AtomicLong> run(RunEvents runEvents) throws Exception {
    this.events = runEvents;
    Instant deadline = Instant.now().plus(settings.limit());
    ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
    ExecutorService partners = Executors.newCachedThreadPool();
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int i = 0; i < settings.clients(); i++) {
        running.add(clients.submit(() -> client(deadline, partners)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      clients.shutdownNow();
      partners.shutdownNow();
    }
    return counts;
  }

  /** Asks done so far (a pair counts once). */
  int done() {
    return done.get();
  }

  int planned() {
    return schedule.size();
  }

  private Void client(Instant deadline, ExecutorService partners) {
    while (Instant.now().isBefore(deadline)) {
      int i = cursor.getAndIncrement();
      if (i >= schedule.size() && events.finished(done.get())) {
        break;
      }
      Schedule.Item item = schedule.get(i);
      if (!item.pair()) {
        ask(questions.question(item.first()));
      } else if (!item.concurrent()) {
        ask(questions.question(item.first()));
        ask(questions.question(item.second()));
        count("pairs asked back to back");
      } else {
        CompletableFuture<Void> other =
            CompletableFuture.runAsync(() -> ask(questions.question(item.second())), partners);
        ask(questions.question(item.first()));
        other.join();
        count("pairs asked at once");
      }
      done.incrementAndGet();
    }
    return null;
  }

  /** Asks one question and checks its answer; returns nothing, records everything. */
  void ask(Question q) {
    RangeSpec.Context c = new RangeSpec.Context(t0, Instant.now(), handoffs.line());
    Exchange x;
    try {
      x = asker.ask(q, c);
    } catch (RuntimeException e) {
      x =
          new Exchange(
              q,
              c,
              q.path().request(q, c, q.tenant().measures()),
              c.ask(),
              Instant.now(),
              0,
              e.toString());
    }
    if (x.status() == 422 && x.body().contains(TOO_BIG)) {
      count("refused by Druid as too big for its merge buffers (422)");
      return;
    }
    if (q.path() == AnswerPath.SQL && x.status() == 422 && x.body().contains(UNPLANNABLE)) {
      count(UNPLANNED);
      return;
    }
    if (x.status() == 504 && x.body().contains(TIMEOUT)) {
      count(TIMED_OUT);
      return;
    }
    List<Mismatches.Found> found;
    try {
      found = q.path() == AnswerPath.SQL ? sql.check(x) : answers.check(x);
    } catch (RuntimeException e) {
      found = List.of(new Mismatches.Found("the check failed", e.toString()));
    }
    mismatches.add(x, found);
    count("questions");
    count("via " + q.path());
    if (events != null
        && events.handoffDone() != null
        && x.askedAt().isAfter(events.handoffDone())) {
      count("asked after the handoff");
    }
    if (events != null && events.lateSent() != null && x.askedAt().isAfter(events.lateSent())) {
      count("asked after late events");
    }
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }
}
