# Sourced by acs-rounds.sh and request-rounds.sh: runs one JMH benchmark in rounds and collects the result files.
# run_rounds NAME ROUNDS JMH-OPTIONS...: for each round, runs JMH with the options (the benchmark's name among them)
# into $OUT/NAME-roundK.json and .log (-prof gc, JSON results); stops with the log's tail on a failure. Sets the
# array ROUND_FILES to the JSON files. Needs JAR and OUT.
run_rounds() {
  local name=$1 rounds=$2 round file
  shift 2
  [ -f "$JAR" ] || { echo "build the benchmarks first: mvn -B -pl bench -am package -DskipTests" >&2; exit 1; }
  mkdir -p "$OUT"
  ROUND_FILES=()
  for round in $(seq 1 "$rounds"); do
    file="$OUT/$name-round$round.json"
    echo "== round $round of $rounds -> $file"
    java -jar "$JAR" "$@" -prof gc -rf json -rff "$file" > "$OUT/$name-round$round.log" 2>&1 \
      || { tail -30 "$OUT/$name-round$round.log" >&2; exit 1; }
    ROUND_FILES+=("$file")
  done
}
