// Peer figure for bench_billing_adapters: what a JavaScript gateway pays at least for the same
// responses — JSON.parse of the body (or of every SSE data line) and a read of its usage fields.
// No validation, so this is a floor, not an equivalent implementation.
// Usage: node adapters_peer.mjs FIXTURE_DIR
import { readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const files = ["samples/openai.json", "samples/anthropic.json", "samples/gemini.json",
  "samples/openai_compatible.json", "samples/ollama.json", "openai/chat_stream.txt",
  "anthropic/stream.txt"];

function usageOf(j) {
  const u = j.usage ?? j.usageMetadata ?? j.message?.usage ?? j;
  return Object.keys(u).length;
}

function once(text, sse) {
  if (!sse) return usageOf(JSON.parse(text));
  let n = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    n += usageOf(JSON.parse(line.slice(6)));
  }
  return n;
}

for (const f of files) {
  const text = readFileSync(join(dir, f), "utf8");
  const sse = f.endsWith(".txt");
  const n = 5000;
  let sink = 0;
  for (let k = 0; k < n / 10; ++k) sink += once(text, sse);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < n; ++k) sink += once(text, sse);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${f.padEnd(34)} ${String(text.length).padStart(6)} B  node ${us.toFixed(2)} us${sink === 42 ? " " : ""}`);
}
