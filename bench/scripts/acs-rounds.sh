#!/usr/bin/env bash
# ACS validation throughput (AcsValidationBenchmark) in rounds: each round runs every variant and path once (one
# fork of 5 warm-up iterations of 4 s and 3 measured of 2 s), so the paths compared in a round ran minutes apart, and the
# ratios are taken per round (jmh-table.py). On a shared machine whose speed drifts over a long run, this is what
# keeps a ratio honest; the spread over the rounds is the repetition spread BENCHMARKS.md reports.
# Usage: acs-rounds.sh [THREADS]   Environment: ROUNDS (3), OUT (bench/target/acs), JMH_ARGS (extra JMH options,
# e.g. "-p variant=ENCRYPTED"). Needs bench/target/benchmarks.jar (mvn -B -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/rounds-lib.sh
JAR=bench/target/benchmarks.jar
THREADS=${1:-1}
OUT=${OUT:-bench/target/acs}
# shellcheck disable=SC2086
run_rounds "t$THREADS" "${ROUNDS:-3}" AcsValidationBenchmark -t "$THREADS" -f 1 ${JMH_ARGS:-}
python3 bench/scripts/jmh-table.py "${ROUND_FILES[@]}" | tee "$OUT/t$THREADS.md"
