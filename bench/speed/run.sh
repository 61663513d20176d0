#!/bin/sh
# Builds the command line (jar and class-data-sharing archive) and the benchmarks, then times ./sluice,
# psql, Flyway and squawk side by side. Not part of the build; asserts nothing.
# Usage: bench/speed/run.sh [MIGRATIONS] [RUNS]      (default 1000 migrations, 3 runs each)
# squawk: set SQUAWK to its binary (e.g. after 'npm install squawk-cli':
#   node_modules/@squawk-cli/linux-x64/bin/squawk), or have 'squawk' on the PATH.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./mvnw -q -B -ntp -Pbench -pl sluice-core,sluice-cli,bench package -DskipTests
exec java -cp bench/target/sluice-bench.jar dev.sluice.bench.SpeedBenchmark "$root/sluice" "$root/bench/target/sluice-bench.jar" "$@"
