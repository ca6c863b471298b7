#!/usr/bin/env bash
# coracle next to Portkey's open-source gateway, side by side in one run on this machine.
#
# Installs `@portkey-ai/gateway` and `autocannon` from npm into a cache directory (once),
# starts a fast fake OpenAI-compatible upstream (deploy/bench/fake_openai.mjs, answers at
# once), Portkey in front of it, and one `coracle serve` (launcher JVM options, a fresh
# temporary CORACLE_HOME whose only provider is the fake: `fake/fake-model`, not local).
# Then autocannon measures, at c=1 and c=16, each for DURATION seconds after WARMUP seconds:
#
#   upstream direct       the fake itself: the floor;
#   Portkey pass-through  Portkey with x-portkey-custom-host pointing at the fake;
#   Temporal floor        `coracle bench temporal-floor` with the same JVM options: the cheapest
#                         workflow (one local activity) started and awaited in its own process on
#                         the same embedded server setup, no HTTP: Temporal's own cost here;
#   upstream call alone   deploy/bench/HttpCallFloor.java with the same JVM options: the JDK HTTP
#                         client, set up as coracle's plain calls are, sending the chat straight
#                         to the fake: the client half of one upstream call, no workflow;
#   coracle HTTP door     `GET /health` on coracle: Netty, Micronaut's routing and every server
#                         filter (the front-door check, tracing, metrics), no workflow;
#   coracle pass-through  model `fake/fake-model` with `Cache-Control: no-cache`: one call
#                         to the fake, every request its own ChatWorkflow;
#   coracle cache hit     the same body without no-cache: answered from the cache;
#   coracle status        model `coracle`, "what's the status of my jobs?": no model.
#
# It prints p50 / p99 latency, requests per second and coracle's ratio to Portkey's
# throughput for each row, and the CPU time per request of each process involved, read from
# /proc/<pid>/stat (utime + stime) before and after exactly the measured windows: the gateway
# (Portkey's node process or coracle's JVM; for the floor and call rows, their own JVM per
# workflow or call), the fake upstream and autocannon (which runs in compare.mjs's node process),
# with the gateway's ratio to Portkey's and how busy the whole machine was meanwhile. At c=16 on a
# small machine everything is CPU-bound, so the sum of those CPU times per request sets the
# throughput; on a shared machine CPU per request is also steadier than throughput or latency
# (still, compare rows of one run). A last line adds up the door, the floor and the call: the
# least gateway CPU a pass-through that is a workflow can cost here.
# The machine's load is printed before and after: report ratios from one run, not absolute
# figures from different runs.
#
# Usage: deploy/bench/compare.sh        (needs node 18+, npm, python3, java 17+ and a built jar)
# Every row runs once per round (ROUNDS, default 2), the rows in turn, and the table shows the
# mean over the rounds, so load from other programs falls on all rows alike.
# Environment: DURATION (default 8), WARMUP (default 2), PREWARM (seconds of load on every HTTP
# row before the first round, default 10, so that both gateways are compiled; the floor and the
# call, each a fresh JVM per row, warm up for PREWARM + WARMUP seconds instead), CONNECTIONS
# (default "1,16"), ROUNDS, ROWS (e.g. "portkey,floor,call,door,passthrough"; by default all of
# upstream, portkey, floor, call, door, passthrough, hit, status), BENCH_CACHE (default
# ~/.cache/coracle-bench), CORACLE_JAVA_OPTS (added after deploy/jvm.options, for coracle, the
# floor and the call alike; e.g. "-XX:TieredStopAtLevel=1" runs C1 alone, without the C2
# compiler the launcher uses), CORACLE_JAR (default api/target/coracle.jar).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${CORACLE_JAR:-$root/api/target/coracle.jar}"
cache="${BENCH_CACHE:-$HOME/.cache/coracle-bench}"
[ -f "$jar" ] || { echo "no $jar: run ./coracle --version (it builds the jar) first" >&2; exit 1; }
for tool in node npm python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
py="$(python3 -c 'import sys; print(sys.executable)')"

# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -d "$cache/node_modules/autocannon" ] || [ ! -d "$cache/node_modules/@portkey-ai/gateway" ]; then
  echo "installing @portkey-ai/gateway and autocannon into $cache" >&2
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"name":"coracle-bench","private":true}' >"$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error autocannon @portkey-ai/gateway >&2)
fi

pid=""
fake_pid=""
portkey_pid=""
work="$(mktemp -d)"
cleanup() {
  stop "$pid"
  stop "$portkey_pid"
  stop "$fake_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

node "$root/deploy/bench/fake_openai.mjs" 0 >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
await_fake_port

portkey_port="$(free_port)"
node "$cache/node_modules/@portkey-ai/gateway/build/start-server.js" --port="$portkey_port" --headless \
  >"$work/portkey.out" 2>&1 &
portkey_pid=$!

mkdir -p "$work/home"
fake_provider_yaml >"$work/home/coracle.yml"

# The launcher's JVM options, as `./coracle serve` would use them.
launcher_opts="$(grep -v '^[[:space:]]*\(#\|$\)' "$root/deploy/jvm.options" | tr '\n' ' ')"
CORACLE_JAVA_OPTS="$launcher_opts ${CORACLE_JAVA_OPTS:-}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
start_coracle

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$portkey_port") 2>/dev/null && break
  kill -0 "$portkey_pid" 2>/dev/null || { cat "$work/portkey.out" >&2; exit 1; }
  sleep 0.1
done

echo "cpus: $(nproc); $(java -version 2>&1 | head -1); node $(node --version);" \
  "portkey $(node -p "require('$cache/node_modules/@portkey-ai/gateway/package.json').version")"
echo "before: $(uptime)"
echo "coracle's JVM options: $CORACLE_JAVA_OPTS"
# The floor row runs the same jar with the same JVM options (a JSON array for compare.mjs), but
# without a flight recording: one meant for coracle must not be overwritten by the floor's.
# shellcheck disable=SC2086
FLOOR_COMMAND="$("$py" -c 'import json, sys
print(json.dumps([a for a in sys.argv[1:] if not a.startswith("-XX:StartFlightRecording")]))' \
  java $CORACLE_JAVA_OPTS -jar "$jar")"
export FLOOR_COMMAND
# The call row runs a single Java source file with the same java and options: the floor's command
# without its `-jar <jar>`.
CALL_COMMAND="$("$py" -c 'import json, sys; print(json.dumps(json.loads(sys.argv[1])[:-2]))' \
  "$FLOOR_COMMAND")"
export CALL_COMMAND
# The processes whose CPU time compare.mjs reads around each measured window.
FAKE_PID="$fake_pid" PORTKEY_PID="$portkey_pid" CORACLE_PID="$pid" CLK_TCK="$(getconf CLK_TCK)"
export FAKE_PID PORTKEY_PID CORACLE_PID CLK_TCK
node "$root/deploy/bench/compare.mjs" "$cache/node_modules" "$fake_port" "$portkey_port" "$http_port"
echo "after:  $(uptime)"
