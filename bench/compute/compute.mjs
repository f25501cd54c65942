// SPDX-License-Identifier: Apache-2.0
// compute.wasm in Node.js (V8), instantiated with an empty import object. Same protocol as
// ComputeBench.java: per workload WARMUP untimed calls, then RUNS timed calls; prints
//   RESULT <workload> <result> median_ms=<m> min_ms=<m> mean_ms=<m> first_ms=<the first, cold call>
// Usage: node bench/compute/compute.mjs compute.wasm FIB_N SIEVE_N JSON_N CHECKSUM_N WARMUP RUNS
import { readFileSync } from 'node:fs';

const [file, fibN, sieveN, jsonN, checksumN, warmup, runs] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
console.log(`INFO node instantiate+compile ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms (node ${process.version})`);

function run(name, f, arg) {
  const cold = process.hrtime.bigint();
  let result = f(arg);
  const firstMs = Number(process.hrtime.bigint() - cold) / 1e6;
  // at least WARMUP calls and WARMUP_SECONDS, as ComputeBench.java
  const warmUntil = process.hrtime.bigint() + BigInt(Math.round(Number(process.env.WARMUP_SECONDS ?? 3) * 1e9));
  for (let i = 0; i < Number(warmup) || process.hrtime.bigint() < warmUntil; i++) result = f(arg);
  const ms = [];
  for (let i = 0; i < Number(runs); i++) {
    const t = process.hrtime.bigint();
    const r = f(arg);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if ((i > 0 || Number(warmup) > 0) && r !== result) throw new Error(`${name} returned ${r} then ${result}`);
    result = r;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const mean = ms.reduce((a, b) => a + b, 0) / n;
  console.log(`RESULT ${name} ${result} median_ms=${median.toFixed(2)} min_ms=${sorted[0].toFixed(2)} mean_ms=${mean.toFixed(2)} first_ms=${firstMs.toFixed(1)}`);
}

run(`fib(${fibN})`, instance.exports.fib, Number(fibN));
run(`sieve(${sieveN})`, instance.exports.sieve, Number(sieveN));
run(`json(${jsonN})`, instance.exports.json, Number(jsonN));
run(`checksum(${checksumN})`, instance.exports.checksum, Number(checksumN));
