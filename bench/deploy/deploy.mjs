// SPDX-License-Identifier: Apache-2.0
// The reference for bench/deploy.sh: Node.js (V8) compiling the same module (WebAssembly.compile: validate
// and compile; V8 compiles function bodies lazily, tiering up the hot ones later) and instantiating it with
// stand-in imports (every env/WASI function answers 0), then running _start. Prints RESULT lines.
// Usage: node deploy.mjs LARGE.wasm
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const result = (name, value, unit) => console.log(`RESULT ${name} ${value.toFixed(1)} ${unit}`);

const heapBefore = process.memoryUsage();
let t = process.hrtime.bigint();
const module = await WebAssembly.compile(bytes);
result('compile', ms(t), 'ms');

const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.kind !== 'function') throw new Error(`import ${imp.module}.${imp.name} is a ${imp.kind}`);
  (imports[imp.module] ??= {})[imp.name] = () => 0;
}
t = process.hrtime.bigint();
const instance = await WebAssembly.instantiate(module, imports);
instance.exports._start?.();
result('instantiate_and_start', ms(t), 'ms');
const heapAfter = process.memoryUsage();
result('memory_module_and_one_instance',
  (heapAfter.rss - heapBefore.rss) / 1048576, 'MiB');
