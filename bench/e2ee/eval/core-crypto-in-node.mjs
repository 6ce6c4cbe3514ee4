// What it takes to start @wireapp/core-crypto's browser (WebAssembly) build in Node, for the evaluation only:
// initWasmModule() refuses unless `window` exists, then fetch()es its .wasm, which Node's fetch cannot do for files.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export async function serveWasmToFetch() {
  globalThis.window ??= globalThis;
  const fetchOfNode = globalThis.fetch;
  globalThis.fetch = async (resource, init) => {
    const url = String(resource instanceof Request ? resource.url : resource);
    if (!url.startsWith("file:")) return fetchOfNode(resource, init);
    return new Response(await readFile(fileURLToPath(url)), { headers: { "content-type": "application/wasm" } });
  };
}
