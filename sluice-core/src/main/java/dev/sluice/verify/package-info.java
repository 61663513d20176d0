/**
 * Verify, the CI gate: files, lint, checksums, rehearsal with lock tracing and the schema-file check in one
 * run, with one immutable report and its renderings (text, JSON, JUnit XML, GitHub annotations). It sits
 * above rehearsal and below the facade, which runs it ({@code Sluice.verify}).
 */
package dev.sluice.verify;
