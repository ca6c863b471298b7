#!/usr/bin/env node
// The measuring half of deploy/bench/compare.sh: runs autocannon against each path at
// c=1 and c=16 and prints one table with coracle/Portkey ratios. Before each row one
// request checks that the path answers as expected (status 200, and for coracle the
// x-coracle-cache and x-coracle-class headers), so a row never measures an error page.
//
// Every measured window also reads the CPU time (utime + stime from /proc/<pid>/stat) of each
// process involved, before and after: the gateway (Portkey's node process or coracle's JVM), the
// fake upstream, and this process, which runs autocannon. Their sum over all rounds divided by the
// requests answered is the CPU milliseconds per request of each; at c=16 on a small machine, where
// everything is CPU-bound, that sum sets the throughput. It also reads /proc/stat, so the table
// says how busy the whole machine was (other programs included) while each row was measured.
//
// The "door" row is coracle's HTTP door without a workflow: `GET /health`, an existing route that
// passes Netty, Micronaut's routing and every server filter (the front-door check, tracing,
// metrics) and starts nothing. It is what any coracle request pays before its own work.
//
// The "floor" row is not HTTP: it runs `coracle bench temporal-floor` (the command in FLOOR_COMMAND,
// a JSON array: java, its options, -jar, the jar) at the same concurrency, which starts and awaits
// the cheapest workflow on a fresh embedded Temporal server in that process. It shows Temporal's
// own cost on this machine, the floor under every coracle row. That command reports its own
// process's CPU time over its measured run, which is the floor's CPU per workflow.
//
// The "call" row is not HTTP through a gateway either: it runs deploy/bench/HttpCallFloor.java
// (with CALL_COMMAND, a JSON array: java and its options) at the same concurrency, which sends the
// chat completion straight to the fake with the JDK HTTP client set up as coracle's plain calls
// are, and reports its process's CPU per call: the client half of one upstream call, alone. The
// door, the floor and the call add up to the least gateway CPU a pass-through that is a workflow
// can cost.
//
// Usage: node compare.mjs <autocannon module dir> <fake port> <portkey port> <coracle port>
// Environment: DURATION (seconds per row, default 8), WARMUP (seconds per row, default 2),
// CONNECTIONS (default "1,16"), ROWS (comma-separated row names, default all), ROUNDS (default
// 2: every row runs once per round, in turn, so load that comes and goes on a shared machine
// falls on all rows alike; the table shows the mean over the rounds), FAKE_PID, PORTKEY_PID and
// CORACLE_PID (the processes whose CPU time is read; a missing one leaves its column empty),
// CLK_TCK (clock ticks per second of /proc/<pid>/stat, default 100), PREWARM (seconds of load at
// the highest concurrency on every HTTP row before the first round, default 10, so that V8 and the
// JVM have compiled each path: a cold Portkey used five times the CPU per request of a warm one;
// the floor and the call rows, a fresh JVM each, warm up for PREWARM + WARMUP seconds instead).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [modules, fakePort, portkeyPort, coraclePort] = process.argv.slice(2);
const autocannon = createRequire(`${modules}/`)("autocannon");
const duration = Number(process.env.DURATION || 8);
const warmup = Number(process.env.WARMUP || 2);
const connections = (process.env.CONNECTIONS || "1,16").split(",").map(Number);
const only = process.env.ROWS ? process.env.ROWS.split(",") : null;
const rounds = Number(process.env.ROUNDS || 2);
const prewarm = Number(process.env.PREWARM ?? 10);
const floorCommand = process.env.FLOOR_COMMAND ? JSON.parse(process.env.FLOOR_COMMAND) : null;
const callCommand = process.env.CALL_COMMAND ? JSON.parse(process.env.CALL_COMMAND) : null;
const callSource = new URL("./HttpCallFloor.java", import.meta.url).pathname;
const clockTick = Number(process.env.CLK_TCK || 100);
const pids = {
  fake: process.env.FAKE_PID,
  portkey: process.env.PORTKEY_PID,
  coracle: process.env.CORACLE_PID,
  autocannon: `${process.pid}`,
};

const question = "What is the capital of France?";
const chat = (model, text) =>
  JSON.stringify({ model, messages: [{ role: "user", content: text }] });
const json = { "content-type": "application/json" };
const coracle = `http://127.0.0.1:${coraclePort}/v1/chat/completions`;

const rows = [
  {
    name: "upstream",
    label: "upstream direct",
    url: `http://127.0.0.1:${fakePort}/v1/chat/completions`,
    headers: { ...json, authorization: "Bearer x" },
    body: chat("fake-model", question),
  },
  {
    name: "portkey",
    label: "Portkey pass-through",
    url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
    headers: {
      ...json,
      authorization: "Bearer x",
      "x-portkey-provider": "openai",
      "x-portkey-custom-host": `http://127.0.0.1:${fakePort}/v1`,
    },
    body: chat("fake-model", question),
    gateway: "portkey",
  },
  {
    name: "floor",
    label: "Temporal floor (one local activity, in-process, no HTTP)",
    own: "floor",
  },
  {
    name: "call",
    label: "upstream call alone (JDK HTTP client to the fake, no workflow)",
    own: "call",
  },
  {
    name: "door",
    label: "coracle HTTP door alone (`GET /health`, no workflow)",
    url: `http://127.0.0.1:${coraclePort}/health`,
    method: "GET",
    gateway: "coracle",
  },
  {
    name: "passthrough",
    label: "coracle pass-through (`fake/fake-model`, no-cache)",
    url: coracle,
    headers: { ...json, "cache-control": "no-cache" },
    body: chat("fake/fake-model", question),
    expect: { "x-coracle-cache": "miss" },
    gateway: "coracle",
  },
  {
    name: "hit",
    label: "coracle cache hit (`fake/fake-model`)",
    url: coracle,
    headers: json,
    body: chat("fake/fake-model", question),
    expect: { "x-coracle-cache": "hit" },
    gateway: "coracle",
  },
  {
    name: "status",
    label: "coracle status answer (`coracle`)",
    url: coracle,
    headers: json,
    body: chat("coracle", "what's the status of my jobs?"),
    expect: { "x-coracle-class": "status" },
    gateway: "coracle",
  },
].filter(
  (row) =>
    (!only || only.includes(row.name)) &&
    (row.own !== "floor" || floorCommand) &&
    (row.own !== "call" || callCommand),
);

async function check(row) {
  if (row.own) return;
  // The first request of the cache-hit row stores the answer; the second must be a hit.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const method = row.method || "POST";
    const response = await fetch(row.url, { method, headers: row.headers, body: row.body });
    await response.text();
    const wrong = Object.entries(row.expect || {}).filter(
      ([name, value]) => response.headers.get(name) !== value,
    );
    if (response.status === 200 && wrong.length === 0) return;
    if (attempt === 1) {
      const seen = wrong.map(([name]) => `${name}: ${response.headers.get(name)}`).join(", ");
      throw new Error(`${row.label}: status ${response.status} ${seen}`);
    }
  }
}

// The floor or the call in the same shape as autocannon's result: its own JVM warms up, then
// measures. A fresh JVM per row has had none of the HTTP rows' PREWARM, so it warms up for
// PREWARM + WARMUP seconds: with the launcher's raised compile thresholds, WARMUP alone ends
// before C2 has compiled the floor's path.
function runOwn(row, c) {
  const ownWarmup = prewarm + warmup;
  const [java, ...args] =
    row.own === "floor"
      ? [
          ...floorCommand,
          ...["bench", "temporal-floor", "--concurrency", `${c}`, "--seconds", `${duration}`],
          ...["--warmup", `${ownWarmup}`, "--json"],
        ]
      : [...callCommand, callSource, `http://127.0.0.1:${fakePort}/v1/chat/completions`, `${c}`,
          `${duration}`, `${ownWarmup}`];
  const done = spawnSync(java, args, { encoding: "utf8" });
  const last = (done.stdout || "").trim().split("\n").pop();
  if (done.status !== 0 || !last.startsWith("{")) {
    throw new Error(`${row.name} failed (exit ${done.status}): ${done.stderr}`);
  }
  const r = JSON.parse(last);
  return {
    requests: { average: r.rps },
    latency: { p50: r.p50, p99: r.p99 },
    non2xx: 0,
    errors: r.failed,
    timeouts: 0,
    cpu: r.cpuMs === undefined ? null : { gateway: r.cpuMs, requests: r.completed },
  };
}

function run(row, c, seconds) {
  return autocannon({
    url: row.url,
    method: row.method || "POST",
    headers: row.headers,
    body: row.body,
    connections: c,
    duration: seconds,
  });
}

// A jar from before `coracle bench temporal-floor` existed has no floor row to measure.
function floorAvailable() {
  const [java, ...args] = floorCommand;
  const help = spawnSync(java, [...args, "bench", "temporal-floor", "--help"], { encoding: "utf8" });
  if (help.status === 0 && (help.stdout || "").includes("coracle bench temporal-floor")) return true;
  process.stderr.write("this jar has no `coracle bench temporal-floor`: no floor row\n");
  return false;
}

// utime + stime of a process in milliseconds, or null if it is not there to read.
function cpuMs(pid) {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTick;
  } catch {
    return null;
  }
}

// The whole machine's busy and total clock ticks so far (all CPUs), from the first line of
// /proc/stat: idle and iowait count as not busy.
function machineTicks() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

// Every process's CPU time and the machine's ticks at one moment.
function snapshot(row) {
  return {
    gateway: row.gateway ? cpuMs(pids[row.gateway]) : null,
    fake: cpuMs(pids.fake),
    autocannon: cpuMs(pids.autocannon),
    machine: machineTicks(),
  };
}

// CPU milliseconds each process spent between two snapshots, and the machine's busy share.
function spent(before, after) {
  const delta = (name) =>
    before[name] === null || after[name] === null ? null : after[name] - before[name];
  const total = after.machine.total - before.machine.total;
  return {
    gateway: delta("gateway"),
    fake: delta("fake"),
    autocannon: delta("autocannon"),
    busy: total > 0 ? (after.machine.busy - before.machine.busy) / total : null,
  };
}

const results = {};
for (const row of rows) await check(row);
const floorRow = rows.findIndex((row) => row.own === "floor");
if (floorRow >= 0 && !floorAvailable()) rows.splice(floorRow, 1);
if (prewarm > 0) {
  for (const row of rows) if (!row.own) await run(row, Math.max(...connections), prewarm);
}
for (let round = 1; round <= rounds; round += 1) {
  for (const row of rows) {
    for (const c of connections) {
      if (warmup > 0 && !row.own) await run(row, c, warmup);
      const before = snapshot(row);
      const begun = performance.now();
      const r = row.own ? runOwn(row, c) : await run(row, c, duration);
      const used = spent(before, snapshot(row));
      // The floor and the call measure their own window; elsewhere it is autocannon's run.
      const seconds = row.own
        ? (r.cpu?.requests ?? 0) / (r.requests.average || 1)
        : (performance.now() - begun) / 1000;
      const bad = r.non2xx + r.errors + r.timeouts;
      const seen = (results[`${row.name}@${c}`] ||= {
        rps: 0,
        p50: 0,
        p99: 0,
        bad: 0,
        cpu: { requests: 0, gateway: 0, fake: 0, autocannon: 0 },
        missing: new Set(),
        busy: 0,
        seconds: 0,
      });
      seen.rps += r.requests.average / rounds;
      seen.p50 += r.latency.p50 / rounds;
      seen.p99 += r.latency.p99 / rounds;
      seen.bad += bad;
      seen.busy += (used.busy ?? 0) / rounds;
      seen.seconds += seconds;
      // The floor's and the call's own process reports its CPU (the gateway column); the fake's
      // share of a call is the pass-through row's, and autocannon takes no part in them.
      const cpu = row.own
        ? { requests: r.cpu?.requests ?? 0, gateway: r.cpu?.gateway ?? null, fake: 0, autocannon: 0 }
        : { requests: r.requests.total, ...used };
      seen.cpu.requests += cpu.requests;
      for (const name of ["gateway", "fake", "autocannon"]) {
        if (cpu[name] === null) seen.missing.add(name);
        else seen.cpu[name] += cpu[name];
      }
      const each = (name) =>
        cpu[name] === null || cpu.requests === 0 ? "–" : (cpu[name] / cpu.requests).toFixed(3);
      process.stderr.write(
        `round ${round} ${row.name} c=${c}: ${Math.round(r.requests.average)} rps, ` +
          `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${bad} not 2xx; CPU ms/request: ` +
          `gateway ${each("gateway")}, fake ${each("fake")}, autocannon ${each("autocannon")}; ` +
          `machine ${Math.round((used.busy ?? 0) * 100)}% busy, load ${loadAverage()}\n`,
      );
    }
  }
}
const ms = (value) => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);

function loadAverage() {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

// CPU milliseconds per request of one process (gateway, fake, autocannon or all) in a row, or
// null when it was not read.
function perRequest(name, c, which) {
  const r = results[`${name}@${c}`];
  if (!r || r.cpu.requests === 0) return null;
  const parts = which === "all" ? ["gateway", "fake", "autocannon"] : [which];
  if (parts.some((part) => r.missing.has(part))) return null;
  return parts.reduce((sum, part) => sum + r.cpu[part], 0) / r.cpu.requests;
}
const cpuCell = (value) => (value === null ? "–" : value.toFixed(3));
// How many CPUs the gateway kept busy on average while measured: near 1.0 for a single-threaded
// gateway means its one thread, not the machine, set its throughput.
function cores(name, c) {
  const r = results[`${name}@${c}`];
  return !r || r.missing.has("gateway") || r.seconds === 0
    ? "–"
    : (r.cpu.gateway / 1000 / r.seconds).toFixed(2);
}
const cpuRatio = (name, c) => {
  const mine = perRequest(name, c, "gateway");
  const theirs = perRequest("portkey", c, "gateway");
  return mine !== null && theirs ? `${(mine / theirs).toFixed(2)}×` : "–";
};

const ratio = (name, c) => {
  const mine = results[`${name}@${c}`];
  const theirs = results[`portkey@${c}`];
  return mine && theirs && theirs.rps > 0 ? `${(mine.rps / theirs.rps).toFixed(2)}×` : "–";
};
const head = connections.flatMap((c) => [
  `c=${c} p50 / p99`,
  `c=${c} rps`,
  `c=${c} ÷ Portkey`,
  `c=${c} gateway CPU ms/req`,
  `c=${c} CPU ÷ Portkey`,
]);
console.log(`| path | ${head.join(" | ")} | errors |`);
console.log(`|---|${head.map(() => "---").join("|")}|---|`);
for (const row of rows) {
  const cells = connections.flatMap((c) => {
    const r = results[`${row.name}@${c}`];
    return [
      `${ms(r.p50)} / ${ms(r.p99)} ms`,
      Math.round(r.rps).toLocaleString("en"),
      ratio(row.name, c),
      cpuCell(perRequest(row.name, c, "gateway")),
      cpuRatio(row.name, c),
    ];
  });
  const bad = connections.reduce((sum, c) => sum + results[`${row.name}@${c}`].bad, 0);
  console.log(`| ${row.label} | ${cells.join(" | ")} | ${bad} |`);
}
const floorRatio = (c) => {
  const mine = results[`passthrough@${c}`];
  const floor = results[`floor@${c}`];
  return mine && floor && floor.rps > 0 ? `${(mine.rps / floor.rps).toFixed(2)}×` : null;
};
const ofFloor = connections.map((c) => [c, floorRatio(c)]).filter(([, r]) => r);
if (ofFloor.length > 0) {
  const parts = ofFloor.map(([c, r]) => `${r} at c=${c}`).join(", ");
  console.log(`\ncoracle pass-through ÷ Temporal floor: ${parts}`);
}

// Where the CPU of each request went, process by process: at c=16 on a small machine the sum
// ("all") is what throughput is divided by. "machine busy" is the share of all CPUs in use during
// the row's windows, other programs included (for the floor and call rows, their process's whole
// lifetime); "gateway cores" is the gateway's CPU time divided by the window's wall time.
const parts = connections.flatMap((c) => [
  `c=${c} gateway`,
  `c=${c} fake`,
  `c=${c} autocannon`,
  `c=${c} all`,
  `c=${c} gateway cores`,
  `c=${c} machine busy`,
]);
console.log(`\nCPU milliseconds per request, by process (utime + stime over the measured windows):\n`);
console.log(`| path | ${parts.join(" | ")} |`);
console.log(`|---|${parts.map(() => "---").join("|")}|`);
for (const row of rows) {
  const cells = connections.flatMap((c) => [
    ...["gateway", "fake", "autocannon", "all"].map((p) => cpuCell(perRequest(row.name, c, p))),
    cores(row.name, c),
    `${Math.round(results[`${row.name}@${c}`].busy * 100)}%`,
  ]);
  console.log(`| ${row.label} | ${cells.join(" | ")} |`);
}

// The least CPU a workflow-per-request pass-through could use in coracle's process: its HTTP door,
// Temporal's floor and the client half of one upstream call, without any work of its own, next to
// Portkey's gateway (the fake and autocannon cost the same behind either gateway).
const least = connections
  .map((c) => {
    const [door, floor, call] = ["door", "floor", "call"].map((n) => perRequest(n, c, "gateway"));
    const portkey = perRequest("portkey", c, "gateway");
    if (door === null || floor === null || call === null || !portkey) return null;
    const sum = door + floor + call;
    return `c=${c}: ${cpuCell(sum)} ms (${(sum / portkey).toFixed(2)}× Portkey's ${cpuCell(portkey)} ms)`;
  })
  .filter(Boolean);
if (least.length > 0) {
  console.log(`\ncoracle door + Temporal floor + upstream call, CPU per request: ${least.join("; ")}`);
}
