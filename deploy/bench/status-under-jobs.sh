#!/usr/bin/env bash
# Status answers while coding jobs run: how fast `coracle serve` answers "what's the status
# of my jobs?" while JOBS jobs are busy, each with a model call in flight.
#
# Starts the fake OpenAI-compatible upstream (deploy/bench/fake_openai.py) and one
# `coracle serve` with a fresh, temporary CORACLE_HOME whose coracle.yml turns the local
# Ollama off and names the fake as the only provider, with the model `slow-model`: the fake
# answers it only after SLOW_SECONDS, so every model call a job makes hangs like a slow
# model. Free ports for the HTTP API, the embedded Temporal server and the fake. After
# /v1/models answers, it starts JOBS coding jobs with `POST /api/jobs` (class `deep`, "Create
# a.txt and b.txt", each in a fresh workspace under CORACLE_HOME) and waits until every job
# is `running` in `GET /api/jobs/{id}` and the fake holds one unanswered call per job. Then
# it sends WARMUP, then N sequential status chats (model `coracle`, "what's the status of
# my jobs?") over one keep-alive HTTP/1.1 connection from a Python client, and prints
# p50 / p90 / p99 / max of the client-side total (request sent to body read) and of
# coracle's `x-coracle-overhead-ms` header. An answer counts as "unexpected" unless its
# class (`x-coracle-class`) is `status` and its text names every job id. At the end it
# prints each job's state and the fake's unanswered calls, to show that the jobs were still
# running, stuck in their model calls, for the whole measurement.
#
# Usage: deploy/bench/status-under-jobs.sh [N] [JOBS]   (default 500 and 2; JOBS may be 0
# for a baseline; needs python3 and a built jar)
# Environment: WARMUP (default 200); SLOW_SECONDS (default 300), how long the fake takes
# for each model call, which must outlast the measurement; CORACLE_JAVA_OPTS is passed to
# java, as the launcher does; CORACLE_JAR names another jar (default api/target/coracle.jar).
set -euo pipefail

n="${1:-500}"
jobs="${2:-2}"
warmup="${WARMUP:-200}"
slow="${SLOW_SECONDS:-300}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${CORACLE_JAR:-$root/api/target/coracle.jar}"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B -q -DskipTests install first" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
# The interpreter itself, not a wrapper such as a pyenv shim: $! must be the process to stop.
py="$(python3 -c 'import sys; print(sys.executable)')"

# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pid=""
fake_pid=""
client_pid=""
work="$(mktemp -d)"
cleanup() {
  stop "$client_pid"
  stop "$pid"
  stop "$fake_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The fake upstream picks its own free port and says which.
FAKE_SLOW_SECONDS="$slow" "$py" "$root/deploy/bench/fake_openai.py" 0 \
  >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
await_fake_port

# The provider's timeout is longer than the fake's delay, so that a job's call stays in
# flight instead of timing out and being retried during the measurement.
mkdir -p "$work/home"
{
  fake_provider_yaml slow-model
  echo "    timeout-seconds: $((${slow%.*} + 60))"
} >"$work/home/coracle.yml"

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
start_coracle
echo "coracle: pid $pid, http port $http_port, fake upstream port $fake_port" \
  "(model calls answered after $slow s)"

# In the background, so that a signal to this script stops everything at once.
"$py" - "$http_port" "$fake_port" "$n" "$warmup" "$jobs" <<'PY' &
import http.client, json, sys, time

port, fake_port, n, warmup, jobs = (int(a) for a in sys.argv[1:6])
STATUS_TEXT = "what's the status of my jobs?"
STATUS_BODY = json.dumps(
    {"model": "coracle", "messages": [{"role": "user", "content": STATUS_TEXT}]}).encode()
JOB_BODY = json.dumps({"messages": [{"role": "user", "content": "Create a.txt and b.txt"}],
                       "class": "deep"}).encode()


def call(method, path, body=None, target=None, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", target or port, timeout=timeout)
    c.request(method, path, body=body, headers={"Content-Type": "application/json"})
    response = c.getresponse()
    data = response.read()
    c.close()
    return response.status, data


def fake_stats():
    return json.loads(call("GET", "/stats", target=fake_port, timeout=10)[1])


def job(ident):
    status, data = call("GET", "/api/jobs/" + ident)
    if status != 200:
        sys.exit("GET /api/jobs/%s answered HTTP %d: %s" % (ident, status, data[:300]))
    return json.loads(data)


def describe(j):
    return "%s %s, stage %s, progress %s, updated %s" % (
        j["id"], j["status"], j.get("stage"), j.get("progress"), j.get("updated_at"))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]  # nearest rank


conn = None


def send():
    global conn
    headers = {"Content-Type": "application/json"}
    for attempt in (1, 2):
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            started = time.perf_counter()
            conn.request("POST", "/v1/chat/completions", body=STATUS_BODY, headers=headers)
            response = conn.getresponse()
            data = response.read()
            total = (time.perf_counter() - started) * 1000.0
            if response.will_close:
                conn.close()
                conn = None
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data, total
        except (ConnectionError, http.client.HTTPException):
            conn.close()
            conn = None
            if attempt == 2:
                raise


def problem(headers, data, ids):
    """Why an answer is not the expected status answer naming every job, or None."""
    if headers.get("x-coracle-class") != "status":
        return "class %r" % headers.get("x-coracle-class")
    try:
        text = json.loads(data)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return "no answer text in %r" % data[:200]
    missing = [i for i in ids if i not in text]
    return "job ids %s not named in %r" % (missing, text[:300]) if missing else None


_, verdict = call("POST", "/api/classify", json.dumps({"text": STATUS_TEXT}).encode())
print("classifier on %r: %s" % (STATUS_TEXT, verdict.decode()))

ids = []
for _ in range(jobs):
    status, data = call("POST", "/api/jobs", JOB_BODY)
    if status != 202:
        sys.exit("POST /api/jobs answered HTTP %d: %s" % (status, data[:300]))
    ids.append(json.loads(data)["id"])
started = time.perf_counter()
while True:
    states = [job(i) for i in ids]
    stats = fake_stats()
    if all(j["status"] == "running" for j in states) and stats["in_flight"] >= jobs:
        break
    ended = [j for j in states if j["status"] in ("done", "failed", "cancelled")]
    if ended or time.perf_counter() - started > 120:
        sys.exit("the jobs did not all reach a model call in flight (fake: %s):\n  %s"
                 % (stats, "\n  ".join(json.dumps(j) for j in states)))
    time.sleep(0.1)
if jobs:
    print("%d jobs running after %.1f s, the fake holds %d unanswered calls:"
          % (jobs, time.perf_counter() - started, stats["in_flight"]))
    for j in states:
        print("  " + describe(j))
else:
    print("no jobs (baseline)")

started = time.perf_counter()
first = None
for i in range(warmup):
    status, _, _, total = send()
    if first is None:
        first = total
    if status != 200:
        sys.exit("warm-up request %d answered HTTP %d" % (i, status))
print("warm-up: %d requests in %.1f s (the first took %.0f ms), load average %s"
      % (warmup, time.perf_counter() - started, first or 0, loadavg()))

totals, overheads, errors, unexpected, example = [], [], 0, 0, None
calls_before = fake_stats()["completions"]
load_before = loadavg()
started = time.perf_counter()
for i in range(n):
    status, headers, data, total = send()
    if status != 200:
        errors += 1
        continue
    totals.append(total)
    if "x-coracle-overhead-ms" in headers:
        overheads.append(float(headers["x-coracle-overhead-ms"]))
    why = problem(headers, data, ids)
    if why:
        unexpected += 1
        example = example or why
elapsed = time.perf_counter() - started
stats = fake_stats()
print()
print("status: model coracle, status question, %d jobs running" % jobs)
print("  %d requests in %.1f s, %d errors, %d unexpected answers, %d new calls to the fake, "
      "load average %s -> %s" % (n, elapsed, errors, unexpected,
                                 stats["completions"] - calls_before, load_before, loadavg()))
if example:
    print("  first unexpected answer: %s" % example)
for what, values, fmt in (("total", totals, "%.1f"), ("overhead", overheads, "%.0f")):
    if values:
        print("  %-9s ms  p50 %s  p90 %s  p99 %s  max %s" % tuple(
            [what] + [fmt % pct(values, p) for p in (50, 90, 99, 100)]))

if jobs:
    print()
    print("after the measurement the fake holds %d unanswered calls; the jobs:"
          % stats["in_flight"])
    for i in ids:
        print("  " + describe(job(i)))
    if stats["in_flight"] < jobs:
        print("  fewer calls in flight than jobs: a call ended during the run; "
              "raise SLOW_SECONDS")

print()
print("| jobs running | total p50 / p90 / p99 / max | overhead p50 / p90 / p99 / max |")
print("|---|---|---|")
t = " / ".join("%.1f" % pct(totals, p) for p in (50, 90, 99, 100)) if totals else "-"
o = " / ".join("%.0f" % pct(overheads, p) for p in (50, 90, 99, 100)) if overheads else "-"
print("| %d | %s ms | %s ms |" % (jobs, t, o))
PY
client_pid=$!
wait "$client_pid"
client_pid=""

echo
echo "coracle resident set size at the end: $(($(ps -o rss= -p "$pid") / 1024)) MB"
