#!/usr/bin/env bash
# Request overhead of `coracle serve`: what coracle adds to a non-streamed chat completion.
#
# Starts a fake OpenAI-compatible upstream (deploy/bench/fake_openai.py, answers at once)
# and one `coracle serve` with a fresh, temporary CORACLE_HOME whose coracle.yml turns the
# local Ollama off and names the fake as the only provider (`fake/fake-model`, not local,
# so its calls run on the coracle-cloud queue). Free ports for the HTTP API, the embedded
# Temporal server and the fake. After /v1/models answers it sends WARMUP requests (the
# three kinds below in turn), then N sequential requests of each kind over one keep-alive
# HTTP/1.1 connection from a Python client:
#
#   status  model `coracle`, "what's the status of my jobs?": classifier, status answer
#           from SQLite, no model call;
#   miss    model `coracle-fast`, a different question each time plus `Cache-Control:
#           no-cache`: one call to the fake, the answer stored in the semantic cache;
#   hit     model `coracle-fast`, the same question each time: answered from the cache
#           (one unmeasured request first stores the answer again).
#
# For each kind it prints p50 / p90 / p99 / max of the client-side total (request sent to
# body read) and of coracle's `x-coracle-overhead-ms` header (coracle's wall time for the
# request minus the time spent waiting on the model call; whole milliseconds, rounded
# down). Answers that did not take the expected path (wrong class, a cache hit where a
# miss was meant, or the other way round) are counted as "unexpected"; the fake's own
# count of calls is checked too.
#
# Usage: deploy/bench/overhead.sh [N]   (default 500; needs python3 and a built jar)
# Environment: WARMUP (default 200); CORACLE_JAVA_OPTS is passed to java, as the launcher
# does; CORACLE_JAR names another jar (default api/target/coracle.jar).
set -euo pipefail

n="${1:-500}"
warmup="${WARMUP:-200}"
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
"$py" "$root/deploy/bench/fake_openai.py" 0 >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
await_fake_port

mkdir -p "$work/home"
fake_provider_yaml >"$work/home/coracle.yml"

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
start_coracle
echo "coracle: pid $pid, http port $http_port, fake upstream port $fake_port"

# In the background, so that a signal to this script stops everything at once.
"$py" - "$http_port" "$fake_port" "$n" "$warmup" <<'PY' &
import http.client, json, sys, time

port, fake_port, n, warmup = (int(a) for a in sys.argv[1:5])
STATUS_TEXT = "what's the status of my jobs?"
REPEATED_TEXT = "What is the capital of France?"
run = "%x" % int(time.time() * 1000)


def body(model, text):
    return json.dumps({"model": model, "messages": [{"role": "user", "content": text}]}).encode()


def status_request(i, tag):
    return body("coracle", STATUS_TEXT), {}


def miss_request(i, tag):
    text = "Quick question %s-%s-%d: in one sentence, what is %d plus %d?" % (run, tag, i, i, 3 * i + 7)
    return body("coracle-fast", text), {"Cache-Control": "no-cache"}


def hit_request(i, tag):
    return body("coracle-fast", REPEATED_TEXT), {}


def expect(cls, provider=None, cache=None):
    def check(h):
        ok = h.get("x-coracle-class") == cls
        ok = ok and (provider is None or h.get("x-coracle-provider") == provider)
        return ok and (cache is None or h.get("x-coracle-cache") == cache)
    return check


KINDS = [
    ("status", "model coracle, status question (no model call)", status_request,
     expect("status", provider="coracle"), 0),
    ("miss", "model coracle-fast, distinct questions, no-cache (one fake call)", miss_request,
     expect("fast", provider="fake", cache="miss"), 1),
    ("hit", "model coracle-fast, repeated question (semantic cache hit)", hit_request,
     expect("fast", provider="fake", cache="hit"), 0),
]

conn = None


def send(payload, extra):
    global conn
    headers = {"Content-Type": "application/json"}
    headers.update(extra)
    for attempt in (1, 2):
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            started = time.perf_counter()
            conn.request("POST", "/v1/chat/completions", body=payload, headers=headers)
            response = conn.getresponse()
            response.read()
            total = (time.perf_counter() - started) * 1000.0
            if response.will_close:
                conn.close()
                conn = None
            return response.status, {k.lower(): v for k, v in response.getheaders()}, total
        except (ConnectionError, http.client.HTTPException):
            conn.close()
            conn = None
            if attempt == 2:
                raise


def fake_calls():
    c = http.client.HTTPConnection("127.0.0.1", fake_port, timeout=10)
    c.request("GET", "/stats")
    calls = json.loads(c.getresponse().read())["completions"]
    c.close()
    return calls


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]  # nearest rank


def classify(text):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/classify", body=json.dumps({"text": text}).encode())
    verdict = c.getresponse().read().decode()
    c.close()
    return verdict


print("classifier on %r: %s" % (STATUS_TEXT, classify(STATUS_TEXT)))
started = time.perf_counter()
first = None
for i in range(warmup):
    name, _, make, _, _ = KINDS[i % 3]
    status, _, total = send(*make(i, "warm"))
    if first is None:
        first = total
    if status != 200:
        sys.exit("warm-up request %d (%s) answered HTTP %d" % (i, name, status))
print("warm-up: %d requests in %.1f s (the first took %.0f ms), load average %s"
      % (warmup, time.perf_counter() - started, first or 0, loadavg()))

rows = []
for name, label, make, check, calls_each in KINDS:
    totals, overheads, errors, unexpected, example = [], [], 0, 0, None
    if name == "hit":
        # The cache keeps the newest 200 answers per model and earlier turns, so the miss
        # requests above have pushed this answer out: put it back first (not measured).
        send(*make(0, "prime"))
    calls_before = fake_calls()
    load_before = loadavg()
    for i in range(n):
        status, headers, total = send(*make(i, "m"))
        if status != 200:
            errors += 1
            continue
        totals.append(total)
        if "x-coracle-overhead-ms" in headers:
            overheads.append(float(headers["x-coracle-overhead-ms"]))
        if not check(headers):
            unexpected += 1
            example = example or {k: v for k, v in headers.items() if k.startswith("x-coracle")}
    calls = fake_calls() - calls_before
    print()
    print("%s: %s" % (name, label))
    print("  %d requests, %d errors, %d unexpected paths, %d calls to the fake (expected %d), "
          "load average %s -> %s" % (n, errors, unexpected, calls, n * calls_each, load_before, loadavg()))
    if example:
        print("  first unexpected answer: %s" % example)
    for what, values, fmt in (("total", totals, "%.1f"), ("overhead", overheads, "%.0f")):
        if values:
            print("  %-9s ms  p50 %s  p90 %s  p99 %s  max %s" % tuple(
                [what] + [fmt % pct(values, p) for p in (50, 90, 99, 100)]))
    rows.append((name, totals, overheads))

print()
print("| path | total p50 / p90 / p99 / max | overhead p50 / p90 / p99 / max |")
print("|---|---|---|")
for name, totals, overheads in rows:
    t = " / ".join("%.1f" % pct(totals, p) for p in (50, 90, 99, 100)) if totals else "-"
    o = " / ".join("%.0f" % pct(overheads, p) for p in (50, 90, 99, 100)) if overheads else "-"
    print("| %s | %s ms | %s ms |" % (name, t, o))
PY
client_pid=$!
wait "$client_pid"
client_pid=""

echo
echo "coracle resident set size at the end: $(($(ps -o rss= -p "$pid") / 1024)) MB"
