package io.canopy.controlplane.query.model;

/** Keep only rows whose {@code measure} lies within the bounds given (at least one). */
public record Having(String measure, Double gt, Double gte, Double lt, Double lte) {}
