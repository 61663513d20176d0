/**
 * One class per lint rule. A rule's id is part of the public contract (suppressions and configs name
 * it) and never changes; its class holds only its check, and {@link dev.sluice.lint.rules.Rules} lists
 * them all. Adding a rule means adding its docs page {@code docs/rules/<id>.md}, a row in
 * {@code docs/rules/README.md}, and {@code bad.sql}/{@code good.sql} under the test resources; the
 * catalog test fails until all exist.
 */
package dev.sluice.lint.rules;
