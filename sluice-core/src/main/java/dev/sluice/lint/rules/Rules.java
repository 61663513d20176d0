package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every rule Sluice ships, in the order the docs list them. */
public final class Rules {

    private static final List<Rule> ALL = List.of(
            new CreateIndexNonConcurrently(), new DropIndexNonConcurrently(), new ReindexNonConcurrently(),
            new ConcurrentlyInTransaction(), new ConstraintWithoutNotValid(), new ValidateInSameTransaction(),
            new SetNotNull(), new AddNotNullColumnWithoutDefault(), new UniqueConstraintUnderLock(),
            new ColumnTypeRewrite(), new VolatileDefault(), new AddGeneratedColumn(), new WholeTableUnderLock(), new RenameColumn(), new RenameTable(),
            new DropColumn(), new DropTable(), new Truncate(), new VacuumFull(), new Cluster(), new LockTable(),
            new EnumValueUsedInSameTransaction(), new RenameEnumValue(), new DomainConstraint(),
            new DetachPartitionNonConcurrently(), new CreatePartitionOf(), new MultipleAlterTable(), new StatementsAfterAccessExclusive(),
            new UnbatchedDml(), new TransactionControl(), new PreferJsonb(), new IntPrimaryKey(), new PreferIdentity(),
            new PreferText(), new PreferTimestamptz(), new NoCharType(), new IdentifierTooLong(),
            new NonIdempotentAutocommit(), new LockTimeoutOff(), new EmptyMigration(), new UntouchedTemplate(), new UnusedIgnore(), new IgnoreWithoutReason(),
            new UnparsableFile());

    private static final Set<String> IDS = ALL.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Set<String> ids() {
        return IDS;
    }
}
