#!/bin/sh
# Builds a schema of N tables (default 10000) with 20 columns, 2 indexes and 1 foreign key each on a
# throwaway PostgreSQL, snapshots it a few times, and prints time and memory. Not part of the build.
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -pl sluice-core test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "sluice-core/target/test-classes:sluice-core/target/classes:$(cat sluice-core/target/bench.classpath)" \
    dev.sluice.bench.SchemaSnapshotBench "$@"
