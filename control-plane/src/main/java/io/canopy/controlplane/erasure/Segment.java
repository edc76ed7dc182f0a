package io.canopy.controlplane.erasure;

/**
 * A segment of the datasource as Druid's {@code sys.segments} shows it: still being written by a
 * streaming task ({@code realtime}) or published, and whether a historical or task serves it.
 */
public record Segment(Span span, boolean realtime, boolean available) {}
