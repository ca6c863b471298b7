#!/usr/bin/env node
// The measuring half of deploy/bench/compare.sh: runs autocannon against each path at
// c=1 and c=16 and prints one table with coracle/Portkey ratios. Before each row one
// request checks that the path answers as expected (status 200, and for coracle the
// x-coracle-cache and x-coracle-class headers), so a row never measures an error page.
//
// The "floor" row is not HTTP: it runs `coracle bench temporal-floor` (the command in FLOOR_COMMAND,
// a JSON array: java, its options, -jar, the jar) at the same concurrency, which starts and awaits
// the cheapest workflow on a fresh embedded Temporal server in that process. It shows Temporal's
// own cost on this machine, the floor under every coracle row.
//
// Usage: node compare.mjs <autocannon module dir> <fake port> <portkey port> <coracle port>
// Environment: DURATION (seconds per row, default 8), WARMUP (seconds per row, default 2),
// CONNECTIONS (default "1,16"), ROWS (comma-separated row names, default all), ROUNDS (default
// 2: every row runs once per round, in turn, so load that comes and goes on a shared machine
// falls on all rows alike; the table shows the mean over the rounds).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const [modules, fakePort, portkeyPort, coraclePort] = process.argv.slice(2);
const autocannon = createRequire(`${modules}/`)("autocannon");
const duration = Number(process.env.DURATION || 8);
const warmup = Number(process.env.WARMUP || 2);
const connections = (process.env.CONNECTIONS || "1,16").split(",").map(Number);
const only = process.env.ROWS ? process.env.ROWS.split(",") : null;
const rounds = Number(process.env.ROUNDS || 2);
const floorCommand = process.env.FLOOR_COMMAND ? JSON.parse(process.env.FLOOR_COMMAND) : null;

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
  },
  {
    name: "floor",
    label: "Temporal floor (one local activity, in-process, no HTTP)",
    floor: true,
  },
  {
    name: "passthrough",
    label: "coracle pass-through (`fake/fake-model`, no-cache)",
    url: coracle,
    headers: { ...json, "cache-control": "no-cache" },
    body: chat("fake/fake-model", question),
    expect: { "x-coracle-cache": "miss" },
  },
  {
    name: "hit",
    label: "coracle cache hit (`fake/fake-model`)",
    url: coracle,
    headers: json,
    body: chat("fake/fake-model", question),
    expect: { "x-coracle-cache": "hit" },
  },
  {
    name: "status",
    label: "coracle status answer (`coracle`)",
    url: coracle,
    headers: json,
    body: chat("coracle", "what's the status of my jobs?"),
    expect: { "x-coracle-class": "status" },
  },
].filter((row) => (!only || only.includes(row.name)) && (!row.floor || floorCommand));

async function check(row) {
  if (row.floor) return;
  // The first request of the cache-hit row stores the answer; the second must be a hit.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await fetch(row.url, { method: "POST", headers: row.headers, body: row.body });
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

// The floor in the same shape as autocannon's result: its own JVM warms up, then measures.
function runFloor(c) {
  const [java, ...args] = floorCommand;
  const bench = ["bench", "temporal-floor", "--concurrency", `${c}`, "--seconds", `${duration}`];
  const done = spawnSync(java, [...args, ...bench, "--warmup", `${warmup}`, "--json"], {
    encoding: "utf8",
  });
  const last = (done.stdout || "").trim().split("\n").pop();
  if (done.status !== 0 || !last.startsWith("{")) {
    throw new Error(`temporal-floor failed (exit ${done.status}): ${done.stderr}`);
  }
  const r = JSON.parse(last);
  return {
    requests: { average: r.rps },
    latency: { p50: r.p50, p99: r.p99 },
    non2xx: 0,
    errors: r.failed,
    timeouts: 0,
  };
}

function run(row, c, seconds) {
  return autocannon({
    url: row.url,
    method: "POST",
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

const results = {};
for (const row of rows) await check(row);
const floorRow = rows.findIndex((row) => row.floor);
if (floorRow >= 0 && !floorAvailable()) rows.splice(floorRow, 1);
for (let round = 1; round <= rounds; round += 1) {
  for (const row of rows) {
    for (const c of connections) {
      if (warmup > 0 && !row.floor) await run(row, c, warmup);
      const r = row.floor ? runFloor(c) : await run(row, c, duration);
      const bad = r.non2xx + r.errors + r.timeouts;
      const seen = (results[`${row.name}@${c}`] ||= { rps: 0, p50: 0, p99: 0, bad: 0 });
      seen.rps += r.requests.average / rounds;
      seen.p50 += r.latency.p50 / rounds;
      seen.p99 += r.latency.p99 / rounds;
      seen.bad += bad;
      process.stderr.write(
        `round ${round} ${row.name} c=${c}: ${Math.round(r.requests.average)} rps, ` +
          `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${bad} not 2xx\n`,
      );
    }
  }
}
const ms = (value) => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);

const ratio = (name, c) => {
  const mine = results[`${name}@${c}`];
  const theirs = results[`portkey@${c}`];
  return mine && theirs && theirs.rps > 0 ? `${(mine.rps / theirs.rps).toFixed(2)}×` : "–";
};
const head = connections.flatMap((c) => [`c=${c} p50 / p99`, `c=${c} rps`, `c=${c} ÷ Portkey`]);
console.log(`| path | ${head.join(" | ")} | errors |`);
console.log(`|---|${head.map(() => "---").join("|")}|---|`);
for (const row of rows) {
  const cells = connections.flatMap((c) => {
    const r = results[`${row.name}@${c}`];
    return [`${ms(r.p50)} / ${ms(r.p99)} ms`, Math.round(r.rps).toLocaleString("en"), ratio(row.name, c)];
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
