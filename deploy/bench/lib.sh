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
