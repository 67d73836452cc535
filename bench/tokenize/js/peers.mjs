// Measures the peer tokenizers on the benchmark corpus, one core, after a warm-up.
// usage: node peers.mjs CORPUS_FILE  -> JSON lines {peer, encoding, mb_per_s, tokens}
import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { getEncoding } from "js-tiktoken";
import * as gptO200k from "gpt-tokenizer/encoding/o200k_base";
import * as gptCl100k from "gpt-tokenizer/encoding/cl100k_base";

const bytes = readFileSync(process.argv[2]);
const text = bytes.toString("utf8");
const mb = bytes.length / 1e6;
function measure(peer, encoding, fn) {
  fn(text.slice(0, 200000));  // warm-up
  let best = Infinity, tokens = 0;
  for (let r = 0; r < 2; r++) {
    const t0 = process.cpuUsage();  // CPU time, comparable with the C++ side on a shared machine
    tokens = fn(text);
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1e6);
  }
  console.log(JSON.stringify({ peer, encoding, mb_per_s: mb / best, tokens }));
}
for (const [encoding, gpt] of [["o200k_base", gptO200k], ["cl100k_base", gptCl100k]]) {
  const t = get_encoding(encoding), j = getEncoding(encoding);
  measure("tiktoken (WASM)", encoding, (s) => t.encode_ordinary(s).length);
  measure("js-tiktoken", encoding, (s) => j.encode(s, [], []).length);
  measure("gpt-tokenizer", encoding, (s) => gpt.encode(s, { disallowedSpecial: new Set() }).length);
  t.free();
}
