package io.canopy.druid.sketch;

import com.fasterxml.jackson.databind.Module;
import io.canopy.druid.sketch.cpc.CpcSketchModule;
import io.canopy.druid.sketch.items.FrequentItemsModule;
import io.canopy.druid.sketch.req.ReqSketchModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shared test fixture {@code sketch/events.tsv}: 600 events (timestamp, product, user, page,
 * latency) over six hours, and the exact answers the sketches are checked against.
 */
public final class SketchFixture {
  public static final String RESOURCE = "sketch/events.tsv";
  public static final String PARSER =
      "{\"type\":\"string\",\"parseSpec\":{\"format\":\"tsv\","
          + "\"timestampSpec\":{\"column\":\"timestamp\",\"format\":\"auto\"},"
          + "\"dimensionsSpec\":{\"dimensions\":[\"product\",\"user\",\"page\","
          + "{\"type\":\"double\",\"name\":\"latency\"}]},"
          + "\"columns\":[\"timestamp\",\"product\",\"user\",\"page\",\"latency\"]}}";

  /** One event of the fixture. */
  public record Event(String timestamp, String product, String user, String page, double latency) {}

  private SketchFixture() {}

  public static List<Module> jacksonModules() {
    CpcSketchModule.registerSerde();
    FrequentItemsModule.registerSerde();
    ReqSketchModule.registerSerde();
    List<Module> modules = new ArrayList<>();
    modules.addAll(new CpcSketchModule().getJacksonModules());
    modules.addAll(new FrequentItemsModule().getJacksonModules());
    modules.addAll(new ReqSketchModule().getJacksonModules());
    return modules;
  }

  public static Path file() {
    try {
      return Paths.get(SketchFixture.class.getClassLoader().getResource(RESOURCE).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Event> events() {
    try {
      return Files.readAllLines(file(), StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(line -> line.split("\t"))
          .map(f -> new Event(f[0], f[1], f[2], f[3], Double.parseDouble(f[4])))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exact distinct users per product. */
  public static Map<String, Long> distinctUsersByProduct() {
    return events().stream()
        .collect(
            Collectors.groupingBy(
                Event::product,
                TreeMap::new,
                Collectors.collectingAndThen(
                    Collectors.mapping(Event::user, Collectors.toSet()), s -> (long) s.size())));
  }

  /** Exact page counts. */
  public static Map<String, Long> pageCounts() {
    return events().stream()
        .collect(Collectors.groupingBy(Event::page, TreeMap::new, Collectors.counting()));
  }

  /** The exact value at rank {@code fraction} (inclusive, as REQ searches) of all latencies. */
  public static double latencyQuantile(double fraction) {
    double[] sorted = events().stream().mapToDouble(Event::latency).sorted().toArray();
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  /** The exact fraction of latencies at or below {@code value}. */
  public static double latencyRank(double value) {
    List<Event> all = events();
    return all.stream().filter(e -> e.latency() <= value).count() / (double) all.size();
  }

  public static <K> Map<K, Long> countBy(Function<Event, K> key) {
    return events().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
