/**
 * PostgreSQL's lexical rules, the statement splitter and what can be told about a statement from its
 * tokens. No JDBC here: everything in this package works on text, so the lint and the planner can use
 * it without a database.
 *
 * <p>Hazard: the lexer assumes {@code standard_conforming_strings = on}, PostgreSQL's default since 9.1.
 */
package dev.sluice.sql;
