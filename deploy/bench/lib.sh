# Shared by the benchmark scripts: source it, do not run it.

# A port nobody listens on, below Linux's ephemeral range (32768+) so that outgoing
# connections of other programs do not take it between this check and coracle's bind.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Stops a process if it runs: TERM, up to 10 s to exit, then KILL.
stop() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$1" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

# Waits until the fake upstream (process $fake_pid, output in $work/fake.out) says which free
# port it picked, and sets fake_port.
await_fake_port() {
  for _ in $(seq 1 100); do
    grep -q '^listening on' "$work/fake.out" && break
    kill -0 "$fake_pid" 2>/dev/null || { cat "$work/fake.err" >&2; exit 1; }
    sleep 0.05
  done
  fake_port="$(sed -n 's/^listening on //p' "$work/fake.out")"
  [ -n "$fake_port" ] || { echo "the fake upstream did not start" >&2; exit 1; }
}

# Prints the coracle.yml every bench run starts from: no local Ollama and one OpenAI-compatible
# provider, `fake`, serving model $1 (fake-model by default) on the fake upstream at $fake_port.
# A script appends what it needs besides (a job's workspace roots, a longer timeout).
fake_provider_yaml() {
  cat <<YML
local:
  ollama:
    enabled: false
providers:
  - name: fake
    kind: openai-compatible
    base-url: "http://127.0.0.1:$fake_port/v1"
    api-key: "\${FAKE_KEY:x}"
    models: ["${1:-fake-model}"]
YML
}

# Starts `coracle serve` from $jar with CORACLE_HOME=$work/home on free ports (none equal to
# $fake_port) and waits up to 180 s for /v1/models to answer. If another program takes a port
# between the check and the bind, it tries again, up to 3 times. Sets pid and http_port.
# Needs $py, $jar, $work and $fake_port.
start_coracle() {
  local attempt=0 temporal_port deadline
  while :; do
    attempt=$((attempt + 1))
    http_port="$(free_port)"
    temporal_port="$(free_port)"
    while [ "$temporal_port" = "$http_port" ] || [ "$temporal_port" = "$fake_port" ]; do
      temporal_port="$(free_port)"
    done
    # shellcheck disable=SC2086
    CORACLE_HOME="$work/home" CORACLE_TEMPORAL_EMBEDDED_PORT="$temporal_port" \
      java ${CORACLE_JAVA_OPTS:-} -jar "$jar" serve --port "$http_port" \
      >"$work/stdout" 2>"$work/stderr" &
    pid=$!
    deadline=$(($(date +%s) + 180))
    until "$py" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://127.0.0.1:$http_port/v1/models" 2>/dev/null; do
      if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        pid=""
        if grep -q 'already in use' "$work/stderr" && [ "$attempt" -lt 3 ]; then
          continue 2
        fi
        echo "coracle exited before answering:" >&2
        cat "$work/stdout" "$work/stderr" >&2
        exit 1
      fi
      if [ "$(date +%s)" -gt "$deadline" ]; then
        echo "coracle did not answer within 180 s" >&2
        exit 1
      fi
      sleep 0.1
    done
    return
  done
}

# The launcher's JVM options (deploy/jvm.options: one per line, blank lines and # comments
# skipped) into the array launcher_options, as ./coracle reads them.
read_launcher_options() {
  local option
  launcher_options=()
  while IFS= read -r option; do
    case "$option" in '' | '#'*) ;; *) launcher_options+=("$option") ;; esac
  done <"$(dirname "${BASH_SOURCE[0]}")/../jvm.options"
}
