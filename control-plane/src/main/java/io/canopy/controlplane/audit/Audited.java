package io.canopy.controlplane.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as an admin action: every call to it, allowed or refused, is written to
 * the audit log under {@link #value()} (e.g. {@code tenant.suspend}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  /** The action's name in the log. */
  String value();
}
