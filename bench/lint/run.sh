#!/bin/sh
# Generates a folder of migration files and lints it; prints statements per second.
# Usage: bench/lint/run.sh [FILES] [FOLDER]     (default 1500 files in a temporary folder)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./mvnw -q -o -pl sluice-core test-compile 2>/dev/null || ./mvnw -q -pl sluice-core test-compile
exec java -cp sluice-core/target/classes:sluice-core/target/test-classes dev.sluice.bench.LintBenchmark "$@"
