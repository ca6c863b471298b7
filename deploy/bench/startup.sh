#!/usr/bin/env bash
# Start-up time of `coracle serve`: from launching `java -jar api/target/coracle.jar serve`
# until `GET /v1/models` answers 200. Each run uses a fresh, empty CORACLE_HOME (so the
# SQLite store is created and migrated every time), a free HTTP port, and a free port for
# the embedded Temporal server. Prints each run, then min / median / max.
#
# Usage: deploy/bench/startup.sh [RUNS]   (default 5; needs curl and a built jar)
# The JVM starts as ./coracle starts it: deploy/jvm.options, then CORACLE_JAVA_OPTS (so they win),
# and at most two malloc arenas. PLAIN=1 starts it with the JVM's own defaults instead, to see
# what the options cost or save at start-up. CORACLE_JAR names another jar (default
# api/target/coracle.jar).
set -euo pipefail

runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${CORACLE_JAR:-$root/api/target/coracle.jar}"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B -q -DskipTests install first" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

now_ms() { date +%s%3N; }

launcher_options=()
if [ "${PLAIN:-0}" != 1 ]; then
  read_launcher_options
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
fi

pid=""
work=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jvm options: ${launcher_options[*]:-none, the JVM defaults} ${CORACLE_JAVA_OPTS:-}"
results=()
retries=0
run=0
while [ "$run" -lt "$runs" ]; do
  run=$((run + 1))
  if [ -n "$work" ]; then rm -rf "$work"; fi
  work="$(mktemp -d)"
  http_port="$(free_port)"
  temporal_port="$(free_port)"
  while [ "$temporal_port" = "$http_port" ]; do temporal_port="$(free_port)"; done
  start="$(now_ms)"
  # shellcheck disable=SC2086
  CORACLE_HOME="$work/home" CORACLE_TEMPORAL_EMBEDDED_PORT="$temporal_port" \
    java "${launcher_options[@]}" ${CORACLE_JAVA_OPTS:-} -jar "$jar" serve --port "$http_port" \
    >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  deadline=$((start + 120000))
  until curl -fs -o /dev/null "http://127.0.0.1:$http_port/v1/models"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      if grep -q 'already in use' "$work/stderr" && [ "$retries" -lt 3 ]; then
        # Another program took a port between the check and the bind: run again.
        retries=$((retries + 1))
        run=$((run - 1))
        pid=""
        continue 2
      fi
      echo "run $run: coracle exited before answering:" >&2
      cat "$work/stdout" "$work/stderr" >&2
      exit 1
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "run $run: no answer within 120 s" >&2
      exit 1
    fi
    sleep 0.02
  done
  elapsed=$(($(now_ms) - start))
  results+=("$elapsed")
  # Wait for the summary line so the in-process figure can be shown beside the outside one.
  for _ in $(seq 1 100); do
    grep -q 'ready in' "$work/stdout" && break
    sleep 0.05
  done
  ready="$(grep -o 'ready in [0-9]* ms' "$work/stdout" || echo 'ready line not seen')"
  echo "run $run: /v1/models answered after $elapsed ms (coracle printed: $ready)"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  rm -rf "$work"
  work=""
done

mapfile -t sorted < <(printf '%s\n' "${results[@]}" | sort -n)
count="${#sorted[@]}"
if [ $((count % 2)) -eq 1 ]; then
  median="${sorted[$((count / 2))]}"
else
  median=$(((sorted[count / 2 - 1] + sorted[count / 2]) / 2))
fi
echo "startup to first /v1/models answer over $count runs: min ${sorted[0]} ms, median $median ms, max ${sorted[$((count - 1))]} ms"
