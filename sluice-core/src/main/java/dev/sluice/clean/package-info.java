/**
 * {@code clean}: drop every object of the project's schema, for development databases only. The decision
 * whether a target may be cleaned ({@link dev.sluice.clean.CleanPolicy}) is here, in core, so that no shell
 * can clean a database another shell would refuse.
 */
package dev.sluice.clean;
