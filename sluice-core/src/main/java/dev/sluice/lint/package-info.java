/**
 * The lint: finds statements in migration files that would block traffic, rewrite large tables, fail
 * on tables that hold rows, or destroy data, before they run.
 *
 * <p>It reads files, never a database, so it runs in CI and before {@code migrate} takes any lock. Its
 * knowledge of the schema is what the earlier migrations say ({@link dev.sluice.lint.KnownSchema});
 * anything it has not seen created is taken as existing and busy. Hazard: a rule must never call a
 * statement safe because a detail is missing; the parser degrades unknown syntax to an opaque statement,
 * which rules pass over, so an unusual statement can go unflagged but is never wrongly approved by a rule
 * that looked at it.
 *
 * <p>Rules live in {@code rules/}, one class each, with a docs page and examples that a test enforces.
 * Suppressions ({@code -- sluice:ignore <rule-id> <reason>}) must carry a reason.
 */
package dev.sluice.lint;
