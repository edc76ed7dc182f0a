package io.canopy.controlplane.query.model;

/**
 * Order rows by a measure or a split dimension (one of the two), {@code descending} by default for
 * a measure and ascending for a dimension.
 */
public record OrderBy(String measure, String dimension, Boolean descending) {}
