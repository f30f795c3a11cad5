#!/usr/bin/env bash
# An authenticated request in process (AuthenticatedRequestBenchmark) in rounds: each round runs the three webapps
# once, back to back (one fork each of 3 warm-up and 5 measured 2-second iterations, -prof gc), so the ratios are
# taken per round (request-table.py) and the spread over the rounds is the repetition spread BENCHMARKS.md reports.
# Usage: request-rounds.sh   Environment: ROUNDS (10), OUT (bench/target/requests), JMH_ARGS (extra JMH options).
# Needs bench/target/benchmarks.jar (mvn -B -pl bench -am package -DskipTests). About a minute per round.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scripts/rounds-lib.sh
JAR=bench/target/benchmarks.jar
OUT=${OUT:-bench/target/requests}
# shellcheck disable=SC2086
run_rounds requests "${ROUNDS:-10}" AuthenticatedRequestBenchmark ${JMH_ARGS:-}
python3 bench/scripts/request-table.py "${ROUND_FILES[@]}" | tee "$OUT/requests.md"
