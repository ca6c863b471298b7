#!/usr/bin/env node
// The measuring half of deploy/bench/cpu.sh: for each row and concurrency, autocannon warms the
// path up, then measures it while the process CPU time (user + system, from /proc/<pid>/stat) of
// `coracle serve` is read before and after. CPU time per request is what a busy shared machine
// barely changes, unlike latency and throughput. Prints one JSON object per measurement.
//
// Usage: node cpu.mjs <autocannon module dir> <coracle port> <coracle pid>
// Environment: PREWARM (seconds of load on all rows in turn before anything is measured, default
// 30), DURATION (default 8), WARMUP (default 4), CONNECTIONS (default "1,16"), ROWS (default
// "hit,status,passthrough").
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [modules, port, pid] = process.argv.slice(2);
const autocannon = createRequire(`${modules}/`)("autocannon");
const duration = Number(process.env.DURATION || 8);
const warmup = Number(process.env.WARMUP || 4);
const prewarm = Number(process.env.PREWARM ?? 30);
const connections = (process.env.CONNECTIONS || "1,16").split(",").map(Number);
const names = (process.env.ROWS || "hit,status,passthrough").split(",");

const url = `http://127.0.0.1:${port}/v1/chat/completions`;
const json = { "content-type": "application/json" };
const chat = (model, text) => JSON.stringify({ model, messages: [{ role: "user", content: text }] });
const question = "What is the capital of France?";
const rows = {
  passthrough: { headers: { ...json, "cache-control": "no-cache" }, body: chat("fake/fake-model", question) },
  hit: { headers: json, body: chat("fake/fake-model", question) },
  status: { headers: json, body: chat("coracle", "what's the status of my jobs?") },
};

// utime + stime of the process, in clock ticks (100 per second on Linux).
function cpuTicks() {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

const run = (row, c, seconds) =>
  autocannon({ url, method: "POST", headers: row.headers, body: row.body, connections: c, duration: seconds });

// One request first, so the cache-hit row finds the answer stored.
await fetch(url, { method: "POST", headers: rows.hit.headers, body: rows.hit.body }).then((r) => r.text());
for (const name of names) {
  for (const c of connections) await run(rows[name], c, prewarm / names.length / connections.length);
}
for (const name of names) {
  const row = rows[name];
  for (const c of connections) {
    if (warmup > 0) await run(row, c, warmup);
    const before = cpuTicks();
    const r = await run(row, c, duration);
    const ticks = cpuTicks() - before;
    const requests = r.requests.total;
    console.log(
      JSON.stringify({
        row: name,
        c,
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        mean: Math.round(r.latency.mean * 100) / 100,
        bad: r.non2xx + r.errors + r.timeouts,
        cpuMsPerRequest: requests > 0 ? Math.round((ticks * 10 * 1000) / requests) / 1000 : null,
      }),
    );
  }
}
