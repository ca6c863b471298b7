#!/usr/bin/env bash
# Footprint of `coracle serve`: the jar's size, start-up until `GET /v1/models` answers (wall time,
# and the CPU time the JVM spent until then, which a busy machine barely changes), the mean time
# of a status chat in a burst of 300, resident memory (RSS) and live heap after start, after the
# burst and after a minute idle, and the classes loaded then. Several jars (or JVM option sets)
# run side by side, alternating, so a busy machine slows every one of them alike; compare their
# ratios, not the absolute figures.
#
# Usage: deploy/bench/footprint.sh [ROUNDS] LABEL=JAR[:launcher|:launcher=OPTIONS|:plain] ...
#   :launcher (the default) starts java with the launcher's defaults (deploy/jvm.options and
#   MALLOC_ARENA_MAX=2), :launcher=OPTIONS with the options file OPTIONS instead (same format,
#   e.g. an older deploy/jvm.options), :plain with the JVM's own defaults.
#   e.g. deploy/bench/footprint.sh 3 before=/tmp/old.jar:plain now=api/target/coracle.jar
#        deploy/bench/footprint.sh 2 old-options=api/target/coracle.jar:launcher=/tmp/jvm.options \
#          now=api/target/coracle.jar
# Needs curl and jcmd (from the JDK).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  rounds="$1"
  shift
fi
[ "$#" -gt 0 ] || set -- "now=$root/api/target/coracle.jar"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd (from the JDK) is needed" >&2; exit 1; }

# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The options in a jvm.options file: one per line, blank lines and # comments skipped.
read_options() {
  local option
  options=()
  while IFS= read -r option; do
    case "$option" in '' | '#'*) ;; *) options+=("$option") ;; esac
  done <"$1"
}

pid=""
work=""
cleanup() {
  stop "$pid"
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

ticks_per_second=$(getconf CLK_TCK)
# CPU time (user and system) the process has used so far, in milliseconds.
cpu_ms() { awk -v hz="$ticks_per_second" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
rss_mb() { echo $(($(awk '/VmRSS/ { print $2 }' "/proc/$1/status") / 1024)); }
# The live heap: what is left in use right after a full collection.
live_heap_mb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print int(v / 1024); exit } }'
}
# Loaded classes, counting those mapped from the JDK's class data sharing archive.
loaded_classes() {
  jcmd "$1" PerfCounter.print | awk -F= '
    /^java\.cls\.(sharedL|l)oadedClasses=/ { n += $2 }
    /^java\.cls\.(sharedU|u)nloadedClasses=/ { n -= $2 }
    END { print n }'
}
status_chats() {
  for _ in $(seq 1 "$1"); do
    curl -sf -H 'content-type: application/json' \
      -d '{"model":"coracle","messages":[{"role":"user","content":"what is the status of my jobs?"}]}' \
      "http://127.0.0.1:$http_port/v1/chat/completions" >/dev/null
  done
}

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %5s %7s %8s %9s %7s %9s %9s %9s %8s %7s\n' \
  label round jar_mb start_ms start_cpu chat_ms rss_start rss_burst live_heap rss_idle classes
for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    label="${spec%%=*}"
    jar="${spec#*=}"
    mode=launcher
    options_file="$root/deploy/jvm.options"
    case "$jar" in
      *:plain) mode=plain; jar="${jar%:plain}" ;;
      *:launcher) jar="${jar%:launcher}" ;;
      *:launcher=*) options_file="${jar#*:launcher=}"; jar="${jar%%:launcher=*}" ;;
    esac
    [ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 1; }
    work="$(mktemp -d)"
    http_port="$(free_port)"
    temporal_port="$(free_port)"
    options=()
    arenas="${MALLOC_ARENA_MAX:-}"
    if [ "$mode" = launcher ]; then
      [ -f "$options_file" ] || { echo "no options file at $options_file" >&2; exit 1; }
      read_options "$options_file"
      arenas=2
    fi
    started=$(date +%s%3N)
    env ${arenas:+MALLOC_ARENA_MAX=$arenas} CORACLE_HOME="$work/home" \
      CORACLE_TEMPORAL_EMBEDDED_PORT="$temporal_port" \
      java "${options[@]}" -jar "$jar" serve --port "$http_port" >"$work/out" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$http_port/v1/models" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; exit 1; }
      sleep 0.05
    done
    start_ms=$(($(date +%s%3N) - started))
    start_cpu=$(cpu_ms "$pid")
    sleep 5
    rss_start=$(rss_mb "$pid")
    burst_started=$(date +%s%3N)
    status_chats 300
    chat_ms=$(awk -v ms=$(($(date +%s%3N) - burst_started)) 'BEGIN { printf "%.1f", ms / 300 }')
    rss_burst=$(rss_mb "$pid")
    live=$(live_heap_mb "$pid")
    sleep 65
    rss_idle=$(rss_mb "$pid")
    classes=$(loaded_classes "$pid")
    printf '%-10s %5s %7s %8s %9s %7s %9s %9s %9s %8s %7s\n' "$label" "$round" \
      $(($(stat -c %s "$jar") / 1000000)) "$start_ms" "$start_cpu" "$chat_ms" "$rss_start" \
      "$rss_burst" "$live" "$rss_idle" "$classes"
    stop "$pid"
    pid=""
    rm -rf "$work"
    work=""
  done
done
