#!/usr/bin/env bash
# Soak test of one `coracle serve`: N mixed requests in a row, and every WINDOW requests a
# line with the live heap (used right after a full GC), the resident set size (RSS) and the
# window's client-side p50 / p99. A daemon that runs for weeks must keep the heap and the
# p99 flat; this shows whether they are.
#
# Starts the fake OpenAI-compatible upstream (deploy/bench/fake_openai.py, answers at once)
# and coracle with a fresh temporary CORACLE_HOME that names the fake as its only provider,
# with the launcher's JVM options (deploy/jvm.options). The mix, over one keep-alive
# connection, repeats every 20 requests:
#
#   10 status  model `coracle`, a status question: classifier and SQLite, no model call;
#    4 hit     model `coracle-fast`, the same question: a semantic-cache hit;
#    6 miss    model `coracle-fast`, a new question each time, `Cache-Control: no-cache`:
#              one call to the fake;
#
# and every JOB_EVERY requests one coding job (`POST /api/jobs` in a fresh workspace). The
# fake answers every prompt with the same sentence, which is no plan, so each job ends at
# its planning stage; it still runs its workflow, activities and store writes.
#
# Usage: deploy/bench/soak.sh [N]   (default 200000; needs python3, jcmd and a built jar)
# Environment: WINDOW (default 20000), JOB_EVERY (default 2000), CORACLE_JAR (default
# api/target/coracle.jar). At about 5-15 ms a request, 200,000 take 20-50 minutes.
set -euo pipefail

n="${1:-200000}"
window="${WINDOW:-20000}"
job_every="${JOB_EVERY:-2000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${CORACLE_JAR:-$root/api/target/coracle.jar}"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B -q -DskipTests install first" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd (from the JDK) is needed" >&2; exit 1; }
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

"$py" "$root/deploy/bench/fake_openai.py" 0 >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
await_fake_port

mkdir -p "$work/home" "$work/workspaces"
{
  fake_provider_yaml
  printf 'jobs:\n  workspace-roots: ["%s"]\n' "$work/workspaces"
} >"$work/home/coracle.yml"

options=()
while IFS= read -r option; do
  case "$option" in '' | '#'*) ;; *) options+=("$option") ;; esac
done <"$root/deploy/jvm.options"
CORACLE_JAVA_OPTS="${options[*]} ${CORACLE_JAVA_OPTS:-}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

echo "java: $(java -version 2>&1 | head -1), options: $CORACLE_JAVA_OPTS"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
start_coracle
echo "coracle: pid $pid, http port $http_port; $n requests, a line every $window"

"$py" - "$http_port" "$pid" "$n" "$window" "$job_every" "$work/workspaces" <<'PY' &
import http.client, json, os, subprocess, sys, time

port, pid, n, window, job_every = (int(a) for a in sys.argv[1:6])
workspaces = sys.argv[6]
run = "%x" % int(time.time() * 1000)
conn = None


def chat(model, text, extra=None):
    payload = json.dumps({"model": model, "messages": [{"role": "user", "content": text}]})
    return post("/v1/chat/completions", payload, extra or {})


def job(i):
    workspace = os.path.join(workspaces, "w%d" % i)
    os.makedirs(workspace)
    payload = json.dumps({"messages": [{"role": "user", "content": "add a README to this project"}],
                          "workspace": workspace})
    return post("/api/jobs", payload, {})


def post(path, payload, extra):
    global conn
    headers = {"Content-Type": "application/json"}
    headers.update(extra)
    for attempt in (1, 2):
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            started = time.perf_counter()
            conn.request("POST", path, body=payload.encode(), headers=headers)
            response = conn.getresponse()
            response.read()
            took = (time.perf_counter() - started) * 1000.0
            if response.will_close:
                conn.close()
                conn = None
            return response.status, took
        except (ConnectionError, http.client.HTTPException):
            conn.close()
            conn = None
            if attempt == 2:
                raise


def request(i):
    if job_every and i % job_every == job_every - 1:
        return job(i)
    slot = i % 20
    if slot < 10:
        return chat("coracle", "what's the status of my jobs?")
    if slot < 14:
        return chat("coracle-fast", "What is the capital of France?")
    return chat("coracle-fast", "Question %s-%d: what is %d plus %d?" % (run, i, i, 7 * i),
                {"Cache-Control": "no-cache"})


def live_heap_mb():
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True,
                          check=True).stdout
    for line in info.splitlines():
        words = line.replace(",", " ").split()
        if "used" in words:
            return int(words[words.index("used") + 1].rstrip("K")) // 1024
    return -1


def rss_mb():
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


print("%9s %9s %8s %8s %8s %8s %7s %s" % ("requests", "live_heap", "rss", "p50_ms", "p99_ms",
                                           "errors", "secs", "load"), flush=True)
print("%9d %8dM %7dM %8s %8s %8s %7s %s" % (0, live_heap_mb(), rss_mb(), "-", "-", "-", "-",
                                            loadavg()), flush=True)
times, errors, started = [], 0, time.perf_counter()
for i in range(n):
    status, took = request(i)
    times.append(took)
    if status >= 400:
        errors += 1
    if (i + 1) % window == 0 or i + 1 == n:
        print("%9d %8dM %7dM %8.1f %8.1f %8d %7.0f %s"
              % (i + 1, live_heap_mb(), rss_mb(), pct(times, 50), pct(times, 99), errors,
                 time.perf_counter() - started, loadavg()), flush=True)
        times, errors, started = [], 0, time.perf_counter()
PY
client_pid=$!
wait "$client_pid"
client_pid=""
