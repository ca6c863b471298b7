#!/usr/bin/env bash
# Robustness of coracle's HTTP API under malformed input: N fuzzed requests to every route.
#
# Runs the suite's fuzz test (api/src/test/java/dev/coracle/api/security/ApiFuzzIT.java) with a
# larger budget. The test starts one real coracle in its JVM (embedded Temporal, a fresh SQLite
# file in a temporary CORACLE_HOME, HTTP on a free loopback port, server.max-request-bytes 64 KiB)
# and the suite's fake upstreams (a fake Ollama and a fake OpenAI-compatible provider that play
# every model role, so accepted chats and jobs run to their end). It reads the routes from
# Micronaut's router, so routes added later are fuzzed too, and sends N requests one after another
# from a generator seeded with SEED: bad and truncated JSON, a wrong type at every field, huge and
# negative numbers, deep nesting, bodies over the size limit, wrong content types and charsets,
# control characters, lone surrogates, bytes that are not UTF-8, unknown models and paths, wrong
# methods, streamed and not.
#
# For every answer it checks: no 5xx; no stack trace or exception class name in the body; an
# error in its door's shape (OpenAI's error object on /v1, /api and everything else, a JSON-RPC
# error on /mcp), in the body and in any error event of a stream; for a refused request, no new
# row in the jobs, audit or semantic_cache tables of the SQLite file. A request that starts a job
# is followed by a wait until the job has ended. At the end a normal chat must still be answered.
#
# It prints the statuses histogram, the 5xx count, the number of refused requests, the time per
# route and every problem with the line that reproduces it; the same text is in
# api/target/fuzz-report.txt. The exit code is the test's: 0 when nothing was found.
#
# Usage: deploy/bench/fuzz.sh [N] [SEED]   (default 10000 requests, seed 20261204)
# The suite itself runs the same test with N=3000.
set -euo pipefail

n="${1:-10000}"
seed="${2:-20261204}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fuzz: $n requests, seed $seed"
started=$(date +%s)
status=0
# test-compile and the failsafe goals only: the fuzz test needs no shaded jar.
./mvnw -B -q -pl api -am test-compile failsafe:integration-test failsafe:verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ApiFuzzIT -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dcoracle.fuzz.requests="$n" -Dcoracle.fuzz.seed="$seed" >"$root/api/target/fuzz-build.log" 2>&1 \
  || status=$?
echo
if [ -f "$root/api/target/fuzz-report.txt" ]; then
  cat "$root/api/target/fuzz-report.txt"
else
  tail -50 "$root/api/target/fuzz-build.log"
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); wall time with the build: $(($(date +%s) - started)) s"
exit "$status"
