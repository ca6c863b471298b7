#!/usr/bin/env bash
# CPU time per request and idle memory of `coracle serve`, for one or more JVM option sets side by
# side in one run. For each set (and each round), a fresh `coracle serve` with the launcher's
# options (deploy/jvm.options, MALLOC_ARENA_MAX=2) plus the set's own, on a fresh CORACLE_HOME whose
# only provider is a fast fake upstream:
#   1. idle RSS as deploy/bench/footprint.sh measures it: 300 status chats, then 65 s idle;
#   2. then each row (cache hit, status answer, pass-through with no-cache) at c=1 and c=16:
#      WARMUP seconds of load, then DURATION seconds while the process's CPU time is read from
#      /proc/<pid>/stat before and after: CPU milliseconds per request. On a shared machine CPU
#      time per request is robust where latency and throughput are not.
#
# Usage: deploy/bench/cpu.sh [ROUNDS] LABEL[@JAR]='extra JVM options' ...
#   e.g. deploy/bench/cpu.sh 2 c1c2='' c1='-XX:TieredStopAtLevel=1'
#        deploy/bench/cpu.sh 2 before@/tmp/before.jar='' now=''
# Environment: CORACLE_JAR (default api/target/coracle.jar; LABEL@JAR picks another per set), IDLE
# (seconds idle before the RSS reading, default 65; 0 skips step 1), PREWARM (seconds of load on
# every row in turn before any measurement, default 30, so that the JIT has compiled the paths),
# DURATION, WARMUP, CONNECTIONS, ROWS (see cpu.mjs), BENCH_CACHE (autocannon, as compare.sh
# installs it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${BENCH_CACHE:-$HOME/.cache/coracle-bench}"
idle="${IDLE:-65}"
rounds=1
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  rounds="$1"
  shift
fi
[ "$#" -gt 0 ] || set -- "launcher="
py="$(python3 -c 'import sys; print(sys.executable)')"

# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ ! -d "$cache/node_modules/autocannon" ]; then
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"name":"coracle-bench","private":true}' >"$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error autocannon >&2)
fi

pid=""
fake_pid=""
work=""
cleanup() {
  stop "$pid"
  stop "$fake_pid"
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_mb() { echo $(($(awk '/VmRSS/ { print $2 }' "/proc/$1/status") / 1024)); }
launcher_opts="$(grep -v '^[[:space:]]*\(#\|$\)' "$root/deploy/jvm.options" | tr '\n' ' ')"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

echo "cpus: $(nproc); $(java -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    label="${spec%%=*}"
    jar="${CORACLE_JAR:-$root/api/target/coracle.jar}"
    case "$label" in *@*) jar="${label#*@}"; label="${label%%@*}" ;; esac
    [ -f "$jar" ] || { echo "no $jar: run ./coracle --version (it builds the jar) first" >&2; exit 1; }
    work="$(mktemp -d)"
    node "$root/deploy/bench/fake_openai.mjs" 0 >"$work/fake.out" 2>"$work/fake.err" &
    fake_pid=$!
    await_fake_port
    mkdir -p "$work/home"
    fake_provider_yaml >"$work/home/coracle.yml"
    CORACLE_JAVA_OPTS="$launcher_opts ${spec#*=}"
    start_coracle
    rss_idle="-"
    if [ "$idle" -gt 0 ]; then
      sleep 5
      node -e '
        const [modules, port] = process.argv.slice(1);
        const autocannon = require(`${modules}/autocannon`);
        autocannon({ url: `http://127.0.0.1:${port}/v1/chat/completions`, method: "POST",
          headers: { "content-type": "application/json" }, connections: 1, amount: 300,
          body: JSON.stringify({ model: "coracle",
            messages: [{ role: "user", content: "what is the status of my jobs?" }] }) });' \
        "$cache/node_modules" "$http_port" >/dev/null 2>&1
      sleep "$idle"
      rss_idle="$(rss_mb "$pid")"
    fi
    echo "{\"label\":\"$label\",\"round\":$round,\"rssIdleMb\":\"$rss_idle\"}"
    node "$root/deploy/bench/cpu.mjs" "$cache/node_modules" "$http_port" "$pid" |
      sed "s/^{/{\"label\":\"$label\",\"round\":$round,/"
    echo "{\"label\":\"$label\",\"round\":$round,\"rssAfterLoadMb\":$(rss_mb "$pid")}"
    stop "$pid"
    pid=""
    stop "$fake_pid"
    fake_pid=""
    rm -rf "$work"
    work=""
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
