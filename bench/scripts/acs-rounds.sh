#!/usr/bin/env bash
# ACS validation throughput (AcsValidationBenchmark) in rounds: each round runs every variant and path once (one
# fork of 2 warm-up and 3 measured 2-second iterations), so the paths compared in a round ran minutes apart, and the
# ratios are taken per round (jmh-table.py). On a shared machine whose speed drifts over a long run, this is what
# keeps a ratio honest; the spread over the rounds is the repetition spread BENCHMARKS.md reports.
# Usage: acs-rounds.sh [THREADS]   Environment: ROUNDS (3), OUT (bench/target/acs), JMH_ARGS (extra JMH options,
# e.g. "-p variant=ENCRYPTED"). Needs bench/target/benchmarks.jar (mvn -B -pl bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=bench/target/benchmarks.jar
THREADS=${1:-1}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-bench/target/acs}
[ -f "$JAR" ] || { echo "build the benchmarks first: mvn -B -pl bench -am package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"
files=()
for round in $(seq 1 "$ROUNDS"); do
  file="$OUT/t$THREADS-round$round.json"
  echo "== round $round of $ROUNDS, $THREADS thread(s) -> $file"
  # shellcheck disable=SC2086
  java -jar "$JAR" AcsValidationBenchmark -t "$THREADS" -f 1 -prof gc -rf json -rff "$file" ${JMH_ARGS:-} \
    > "$OUT/t$THREADS-round$round.log" 2>&1 || { tail -30 "$OUT/t$THREADS-round$round.log" >&2; exit 1; }
  files+=("$file")
done
python3 bench/scripts/jmh-table.py "${files[@]}" | tee "$OUT/t$THREADS.md"
