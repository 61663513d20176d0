/**
 * PostgreSQL servers run from the binaries on the classpath: the embedded default (data in a
 * project's {@code .sluice/}) and throwaway clusters for rehearsal, tracing and tests.
 *
 * <p>Hazards: PostgreSQL refuses to run as root, so as root the server runs inside a user namespace, or
 * as {@code nobody} where namespaces are blocked. Servers listen on 127.0.0.1 with trust authentication:
 * never keep data that matters in them. A JVM killed with SIGKILL leaves its server running; the next
 * start on the same data folder uses it.
 */
package dev.sluice.postgres;
