#!/usr/bin/env node
// What the Cosmos test server's store costs per request as the container fills up: committed batches, rolled-back
// batches and partition-scoped queries in one small partition, with 0, 10,000 and 100,000 documents stored in
// other partitions. Talks plain HTTP to server.js on loopback (no TLS front end, no SDK), one request at a time,
// so the figures are the store's own cost: requests per second, and the store process's CPU time per request
// (from /proc, Linux only), which other load on a shared machine disturbs much less. Not a test: nothing is asserted.
//
//   node tests/cosmos-test-server/bench/store-bench.js [--server path/to/server.js] [--others 0,10000,100000]
//        [--seconds 2] [--repeat 3] [--ttl]
//
// Each figure is the best of --repeat runs of --seconds each (the highest rate, the lowest CPU time): on a shared
// machine the noise only ever makes a run slower.
//
// --ttl gives the container TTL on (-1, as the product's) and the other documents a ttl of a day (as idempotency
// records and token revocations have).
// --server runs another version of server.js (e.g. `git show REV:tests/cosmos-test-server/server.js > /tmp/old.js`)
// with this folder's node_modules, to compare before and after. Prints one line per measurement and a JSON summary.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawn } = require("child_process");

function parseArgs(argv) {
  const args = { server: path.join(__dirname, "..", "server.js"), others: [0, 10000, 100000], seconds: 2, repeat: 3, ttl: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--server") args.server = path.resolve(argv[(i += 1)]);
    else if (argv[i] === "--others") args.others = argv[(i += 1)].split(",").map(n => parseInt(n, 10));
    else if (argv[i] === "--seconds") args.seconds = parseFloat(argv[(i += 1)]);
    else if (argv[i] === "--repeat") args.repeat = parseInt(argv[(i += 1)], 10);
    else if (argv[i] === "--ttl") args.ttl = true;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function startServer() {
  const modules = path.join(__dirname, "..", "node_modules");
  const child = spawn(process.execPath, [args.server, "--port", "0"], {
    env: { ...process.env, NODE_PATH: modules },
    stdio: ["pipe", "pipe", "inherit"]
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", chunk => {
      out += chunk;
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve({ child, port: parseInt(match[1], 10) });
    });
    child.on("exit", code => reject(new Error(`server.js exited with ${code}`)));
  });
}

function request(port, method, pathname, body, headers = {}) {
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1", port, method, path: pathname, agent,
      headers: { "content-type": "application/json", ...(payload ? { "content-length": payload.length } : {}), ...headers }
    }, res => {
      const chunks = [];
      res.on("data", c => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const DB = "bench";
const COLL = "docs";
const DOCS = `/dbs/${DB}/colls/${COLL}/docs`;
const BATCH = `/__testserver/batch/dbs/${DB}/colls/${COLL}`;
const TARGET = "target";
const note = "x".repeat(200);

function doc(id, pk, i) {
  return { id, pk, resource: "receivable", status: i % 3 === 0 ? "paid" : "open", count: i, note };
}

async function batch(port, pk, operations) {
  const res = await request(port, "POST", BATCH, { partitionKey: JSON.stringify([pk]), atomic: true, operations });
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// Documents in partitions other than the target, 100 per partition, written 100 at a time.
async function seedOthers(port, from, to) {
  for (let start = from; start < to; start += 100) {
    const pk = `other-${Math.floor(start / 100)}`;
    const operations = [];
    for (let i = start; i < Math.min(start + 100, to); i += 1) {
      operations.push({ operationType: 0, resourceBody: { ...doc(`o${i}`, pk, i), ...(args.ttl ? { ttl: 86400 } : {}) } });
    }
    const outcome = await batch(port, pk, operations);
    if (outcome.statusCode !== 200) throw new Error(`seed: ${JSON.stringify(outcome.results.find(r => r.statusCode >= 400))}`);
  }
}

// CPU seconds (user + system) the process has used so far, or NaN where /proc is missing.
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (parseInt(fields[11], 10) + parseInt(fields[12], 10)) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

let serverPid = 0;

// Runs fn one call at a time for `seconds`; returns calls per second and the store's CPU microseconds per call.
async function once(seconds, fn) {
  const warm = Date.now() + Math.min(1000, seconds * 500); // warm up (compiled queries, JIT)
  while (Date.now() < warm) await fn();
  const end = Date.now() + seconds * 1000;
  let count = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSeconds(serverPid);
  while (Date.now() < end) {
    await fn();
    count += 1;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: Math.round(count / elapsed), cpuMicroseconds: Math.round(((cpuSeconds(serverPid) - cpuBefore) * 1e6) / count) };
}

async function rate(seconds, fn) {
  const runs = [];
  for (let i = 0; i < args.repeat; i += 1) runs.push(await once(seconds, fn));
  return { perSecond: Math.max(...runs.map(r => r.perSecond)), cpuMicroseconds: Math.min(...runs.map(r => r.cpuMicroseconds)) };
}

async function main() {
  const { child, port } = await startServer();
  serverPid = child.pid;
  try {
    await request(port, "POST", "/dbs", { id: DB });
    const created = await request(port, "POST", `/dbs/${DB}/colls`, { id: COLL, partitionKey: { paths: ["/pk"], kind: "Hash" }, ...(args.ttl ? { defaultTtl: -1 } : {}) });
    if (created.status !== 201) throw new Error(`create container: ${created.status}`);
    // The target partition: 20 documents, rewritten in place by the batches so its size stays the same.
    await batch(port, TARGET, Array.from({ length: 20 }, (_, i) => ({ operationType: 0, resourceBody: doc(`t${i}`, TARGET, i) })));

    const summary = [];
    let stored = 0;
    for (const others of [...args.others].sort((a, b) => a - b)) {
      await seedOthers(port, stored, others);
      stored = others;
      let n = 0;
      // A committed batch like the API's: replace two documents, patch a third, read one back.
      const committed = await rate(args.seconds, async () => {
        n += 1;
        const outcome = await batch(port, TARGET, [
          { operationType: 20, resourceBody: doc("t0", TARGET, n) },
          { operationType: 20, resourceBody: doc("t1", TARGET, n) },
          { operationType: 1, id: "t2", resourceBody: { operations: [{ op: "set", path: "/count", value: n }] } },
          { operationType: 2, id: "t0" }
        ]);
        if (outcome.statusCode !== 200) throw new Error(`committed batch: ${JSON.stringify(outcome)}`);
      });
      // A batch that fails on its last operation (a create of an existing id) and rolls the others back.
      const rolledBack = await rate(args.seconds, async () => {
        const outcome = await batch(port, TARGET, [
          { operationType: 20, resourceBody: doc("t3", TARGET, 1) },
          { operationType: 4, id: "t4" },
          { operationType: 0, resourceBody: doc("t5", TARGET, 5) }
        ]);
        if (outcome.statusCode !== 409) throw new Error(`rolled-back batch: ${JSON.stringify(outcome)}`);
      });
      // A partition-scoped query (the header scopes it, as the SDK sends it).
      const query = await rate(args.seconds, async () => {
        const res = await request(port, "POST", DOCS, { query: "SELECT * FROM c WHERE c.status = @status", parameters: [{ name: "@status", value: "open" }] }, {
          "content-type": "application/query+json",
          "x-ms-documentdb-isquery": "true",
          "x-ms-documentdb-partitionkey": JSON.stringify([TARGET])
        });
        if (res.status !== 200 || res.body.Documents.length === 0) throw new Error(`query: ${res.status}`);
      });
      const line = { others, committedBatch: committed, rolledBackBatch: rolledBack, partitionQuery: query };
      const show = ({ perSecond, cpuMicroseconds }) => `${perSecond}/s (${cpuMicroseconds} µs CPU each)`;
      console.log(`${String(others).padStart(7)} other documents: committed batch ${show(committed)}, `
        + `rolled-back batch ${show(rolledBack)}, partition query ${show(query)}`);
      summary.push(line);
    }
    console.log(JSON.stringify({ server: args.server, seconds: args.seconds, repeat: args.repeat, ttl: args.ttl, results: summary }));
  } finally {
    child.kill();
    agent.destroy();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
