// Writes the differential corpus and the reference token ids.
//   node expected.mjs OUT_DIR
// OUT_DIR/corpus.bin:                 u32le count, then per case: u32le length, bytes
// OUT_DIR/<encoding>.<reference>.bin: per case: u32le n, then n u32le ids
// OUT_DIR/js_divergent.bin: per case one byte, 1 = contains a character that the JS regex engine
//   classifies unlike tiktoken (U+FEFF, U+0085, letters/digits newer than tiktoken's Unicode)
// References: tiktoken (WASM build of OpenAI's Rust core), js-tiktoken, gpt-tokenizer. Each sees
// the case bytes decoded as UTF-8 with U+FFFD replacement (TextDecoder), as JS strings require.
// js-tiktoken's merge is quadratic, so it gets only cases up to 2 KB ("-1" = skipped case).
import { mkdirSync, writeFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { getEncoding } from "js-tiktoken";
import * as gptO200k from "gpt-tokenizer/encoding/o200k_base";
import * as gptCl100k from "gpt-tokenizer/encoding/cl100k_base";
import { makeCorpus } from "./corpus.mjs";
import { jsDiffersFromReference } from "./unicode_probe.mjs";

const outDir = process.argv[2];
if (!outDir) { console.error("usage: node expected.mjs OUT_DIR"); process.exit(2); }
mkdirSync(outDir, { recursive: true });
const corpus = makeCorpus();

function pack(arrays) {
  let total = 0;
  for (const a of arrays) total += 4 + (a ? a.length * 4 : 0);
  const buf = Buffer.alloc(total);
  let o = 0;
  for (const a of arrays) {
    if (!a) { buf.writeInt32LE(-1, o); o += 4; continue; }
    buf.writeUInt32LE(a.length, o); o += 4;
    for (const id of a) { buf.writeUInt32LE(id, o); o += 4; }
  }
  return buf;
}

const parts = [Buffer.alloc(4)];
parts[0].writeUInt32LE(corpus.length);
for (const c of corpus) { const h = Buffer.alloc(4); h.writeUInt32LE(c.bytes.length); parts.push(h, Buffer.from(c.bytes)); }
writeFileSync(`${outDir}/corpus.bin`, Buffer.concat(parts));
writeFileSync(`${outDir}/names.txt`, corpus.map((c) => c.name).join("\n") + "\n");

const dec = new TextDecoder("utf-8", { ignoreBOM: true });  // keep a leading U+FEFF
const texts = corpus.map((c) => dec.decode(c.bytes));
// One byte per case: 1 when it holds a character the JS regex engine classifies differently.
writeFileSync(`${outDir}/js_divergent.bin`, Buffer.from(texts.map((s) => ([...s].some((ch) => jsDiffersFromReference(ch.codePointAt(0))) ? 1 : 0))));
const refs = {
  o200k_base: { tiktoken: get_encoding("o200k_base"), js: getEncoding("o200k_base"), gpt: gptO200k },
  cl100k_base: { tiktoken: get_encoding("cl100k_base"), js: getEncoding("cl100k_base"), gpt: gptCl100k },
};
for (const [name, r] of Object.entries(refs)) {
  const t0 = performance.now();
  writeFileSync(`${outDir}/${name}.tiktoken.bin`, pack(texts.map((s) => [...r.tiktoken.encode_ordinary(s)])));
  writeFileSync(`${outDir}/${name}.js-tiktoken.bin`, pack(texts.map((s) => (s.length <= 2048 ? r.js.encode(s, [], []) : null))));
  writeFileSync(`${outDir}/${name}.gpt-tokenizer.bin`, pack(texts.map((s) => r.gpt.encode(s, { disallowedSpecial: new Set() }))));
  console.error(`${name}: ${corpus.length} cases in ${(performance.now() - t0).toFixed(0)} ms`);
}
