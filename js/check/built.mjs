// Run by `npm pack` (prepack): refuses to pack a package without the built
// module, or with one older than its Go sources, since the tarball would
// install fine and fail only in the app's browser.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const WASM = "static/scaiauth.wasm";
const WASM_EXEC = "static/wasm_exec.js";
/** Every WebAssembly binary starts with "\0asm" (WebAssembly Core §5.5.16). */
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

const problems = [];

const wasm = read(WASM);
if (wasm && !wasm.subarray(0, 4).equals(WASM_MAGIC)) {
  problems.push(`${WASM} is not a WebAssembly module`);
}
const wasmExec = read(WASM_EXEC);
if (wasmExec && !wasmExec.includes("globalThis.Go")) {
  problems.push(`${WASM_EXEC} is not Go's wasm_exec.js`);
}
if (wasm) {
  const stale = newerSources(statSync(join(root, WASM)).mtimeMs);
  if (stale.length > 0) {
    problems.push(`${WASM} is older than ${stale.slice(0, 3).join(", ")}`);
  }
}

if (problems.length > 0) {
  console.error("scaiauth: cannot pack the module as it is:");
  for (const problem of problems) {
    console.error(`  - ${problem}`);
  }
  console.error("Run `make build` in the repository, then `npm pack` again.");
  process.exit(1);
}

/** The file's bytes, or null (and a problem noted) when it is missing or empty. */
function read(name) {
  try {
    const bytes = readFileSync(join(root, name));
    if (bytes.length > 0) {
      return bytes;
    }
    problems.push(`${name} is empty`);
  } catch {
    problems.push(`${name} is missing`);
  }
  return null;
}

/** The module's Go sources (tests aside) changed after the build. */
function newerSources(builtAt) {
  const sources = ["go.mod", ...goFiles("wasm")];
  return sources.filter((name) => statSync(join(root, name)).mtimeMs > builtAt);
}

function goFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const name = join(dir, entry.name);
    if (entry.isDirectory()) {
      return goFiles(name);
    }
    return name.endsWith(".go") && !name.endsWith("_test.go") ? [name] : [];
  });
}
