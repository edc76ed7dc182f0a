package io.canopy.stack.health;

/**
 * A quick, side-effect-free probe of one component. Implementations answer within a few seconds and
 * never throw: a component that cannot be reached is simply not healthy yet.
 */
@FunctionalInterface
public interface HealthCheck {
  boolean healthy();
}
