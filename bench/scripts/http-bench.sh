#!/usr/bin/env bash
# The HTTP and one-off benchmarks of BENCHMARKS.md. Needs bench/target/benchmarks.jar:
#   mvn -B -pl bench -am package -DskipTests
# and wrk (installed from Debian's packages when missing). Everything binds to 127.0.0.1. The server JVM runs on
# CPU 1 and wrk on CPU 0 (taskset), so the two do not steal each other's core.
# The server JVM's JIT compiler shares its one core, so every workload gets a warm-up run first. The login warm-up
# has its own slice of fresh responses (a replay is refused early and would not warm the whole ACS path); if it runs
# out, the replays it sends are expected and not counted.
# Environment: REPS (5: login runs, start-ups, heap runs), CYCLES of the three request workloads (60), DURATION
# seconds per request run (1), LOGIN_DURATION seconds per login run (3), LOGINS fresh
# responses per login run (16000), WARMUP seconds (10), LOGIN_WARMUP seconds (15), LOGIN_WARMUP_RESPONSES (40000),
# CONNECTIONS for wrk (8), PORT (18080), OUT (bench/target/http).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=bench/target/benchmarks.jar
REPS=${REPS:-5}
CYCLES=${CYCLES:-60}
DURATION=${DURATION:-1}
LOGIN_DURATION=${LOGIN_DURATION:-3}
LOGINS=${LOGINS:-16000}
WARMUP=${WARMUP:-10}
LOGIN_WARMUP=${LOGIN_WARMUP:-15}
LOGIN_WARMUP_RESPONSES=${LOGIN_WARMUP_RESPONSES:-40000}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18080}
OUT=${OUT:-bench/target/http}
[ -f "$JAR" ] || { echo "build the benchmarks first: mvn -B -pl bench -am package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { echo "cannot install wrk" >&2; exit 1; }; }
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
BASE="http://127.0.0.1:$PORT"

CHECK=bench/scripts/wrk-check.lua

warm_up() { # label, seconds, wrk arguments... (a login warm-up may run out and replay: its statuses are not checked)
  local label=$1 seconds=$2; shift 2
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$CHECK" "$@" > "$OUT/wrk-warmup-$label.log"
  echo "warm-up $label done"
}

run_wrk() { # label, seconds, url, wrk-check.lua arguments...
  local label=$1 seconds=$2 url=$3; shift 3
  local log="$OUT/wrk-$label.log"
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$CHECK" "${HEADER[@]}" "$url" -- "$@" > "$log"
  if grep -q "Non-2xx or 3xx\|Socket errors" "$log" || ! grep -q "^Unexpected status: 0 " "$log"; then
    cat "$log" >&2; echo "run $label had failed requests" >&2; exit 1
  fi
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$log")
  p50=$(awk '$1 == "50%" {print $2}' "$log")
  p99=$(awk '$1 == "99%" {print $2}' "$log")
  echo "$label $rps p50=$p50 p99=$p99" | tee -a "$RESULTS"
}

TOTAL=$(( LOGIN_WARMUP_RESPONSES + LOGINS * REPS ))
echo "== generating $TOTAL signed responses and starting the server (CPU 1)"
coproc SERVER { taskset -c 1 java -Xms4g -Xmx4g -cp "$JAR" dev.gatehouse.bench.HttpBench serve "$PORT" \
  "$OUT/responses.txt" "$TOTAL" 2>"$OUT/server.log"; }
SERVER_PID=$SERVER_PID
trap 'kill $SERVER_PID 2>/dev/null || true; rm -f "$OUT/responses.txt"' EXIT
read -r -t 600 ready <&"${SERVER[0]}" || { cat "$OUT/server.log" >&2; exit 1; }
[ "$ready" = ready ] || { echo "server said: $ready" >&2; exit 1; }
APP_COOKIE=$(cat "$OUT/responses.txt.app-cookie")
PLAIN_COOKIE=$(cat "$OUT/responses.txt.plain-cookie")

echo "== logins per second through the ACS (${LOGIN_DURATION}s runs, $CONNECTIONS connections)"
HEADER=()
warm_up acs-login "$LOGIN_WARMUP" "$BASE/app/saml/acs/idp" -- 303 "$OUT/responses.txt" 0 \
  "$LOGIN_WARMUP_RESPONSES" 1
for rep in $(seq 1 "$REPS"); do
  run_wrk "acs-login-$rep" "$LOGIN_DURATION" "$BASE/app/saml/acs/idp" 303 \
    "$OUT/responses.txt" $(( LOGIN_WARMUP_RESPONSES + (rep - 1) * LOGINS )) "$LOGINS" 1
done

echo "== an authenticated request: Gatehouse vs the bare servlet vs the servlet with a container session" \
  "($CYCLES cycles of ${DURATION}s runs, the order rotating)"
warm_up gatehouse "$WARMUP" -H "Cookie: $APP_COOKIE" "$BASE/app/hello" -- 200
warm_up bare "$WARMUP" "$BASE/bare/hello" -- 200
warm_up plain "$WARMUP" -H "Cookie: $PLAIN_COOKIE" "$BASE/plain/hello" -- 200
# Short runs, the three workloads back to back and the one that goes first rotating: this machine's speed drifts
# by tens of percent over seconds, so a ratio is only trusted between runs a second apart, and over many cycles.
WORKLOADS=(bare plain gatehouse)
for cycle in $(seq 1 "$CYCLES"); do
  for k in 0 1 2; do
    workload=${WORKLOADS[$(( (cycle + k) % 3 ))]}
    case $workload in
      bare) HEADER=(); url="$BASE/bare/hello" ;;
      plain) HEADER=(-H "Cookie: $PLAIN_COOKIE"); url="$BASE/plain/hello" ;;
      gatehouse) HEADER=(-H "Cookie: $APP_COOKIE"); url="$BASE/app/hello" ;;
    esac
    run_wrk "$workload-$cycle" "$DURATION" "$url" 200
  done
done
exec {SERVER[1]}>&-
wait "$SERVER_PID" || true
trap - EXIT
rm -f "$OUT/responses.txt"

echo "== start-up: deploy to first served request, fresh JVM each (bare and Gatehouse interleaved)"
for rep in $(seq 1 "$REPS"); do
  for webapp in bare gatehouse; do
    echo "startup $(java -cp "$JAR" dev.gatehouse.bench.HttpBench startup "$webapp" 2>>"$OUT/startup.log")" \
      | tee -a "$RESULTS"
  done
done

echo "== heap: retained by the webapp, and per signed-in session (SerialGC, 5000 sessions)"
for rep in $(seq 1 "$REPS"); do
  echo "memory $(java -XX:+UseSerialGC -Xmx1g -cp "$JAR" dev.gatehouse.bench.HttpBench memory 5000 \
    2>>"$OUT/memory.log")" | tee -a "$RESULTS"
done
echo "== summary (median [min-max] over the runs)"
awk '
  function spread(r, n,    i, j, t, above) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
    above = 0
    for (i = 1; i <= n; i++) if (r[i] > 5) above++
    return sprintf("median %.1f%% (middle half %.1f%% to %.1f%%, all %.1f%% to %.1f%%; %d of %d above 5%%)",
      q(r, n, 0.5), q(r, n, 0.25), q(r, n, 0.75), r[1], r[n], above, n)
  }
  function q(r, n, p,    h, lo) { # quantile of sorted r[1..n], linear between the closest ranks
    h = (n - 1) * p + 1; lo = int(h)
    return lo >= n ? r[n] : r[lo] + (h - lo) * (r[lo + 1] - r[lo])
  }
  function stats(name, n,    i, j, t, v) {
    for (i = 1; i <= n; i++) v[i] = vals[name, i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    med[name] = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "%-10s %10.0f req/s  [%.0f-%.0f]\n", name, med[name], v[1], v[n]
  }
  $1 ~ /^(acs-login|bare|plain|gatehouse)-[0-9]+$/ { name = $1; sub(/-[0-9]+$/, "", name); vals[name, ++count[name]] = $2 }
  END {
    for (name in count) stats(name, count[name])
    # Ratios per cycle (bare, plain and Gatehouse run back to back), then their median and spread: the medians of
    # the three workloads may come from different cycles.
    for (i = 1; i <= count["gatehouse"]; i++) {
      rb[i] = 100 * (1 - vals["gatehouse", i] / vals["bare", i]); rp[i] = 100 * (1 - vals["gatehouse", i] / vals["plain", i])
    }
    printf "Gatehouse below the bare servlet, per cycle: %s\n", spread(rb, count["gatehouse"])
    printf "Gatehouse below the servlet with a container session, per cycle: %s\n", spread(rp, count["gatehouse"])
  }' "$RESULTS" | tee -a "$RESULTS"
echo "== results in $RESULTS"
