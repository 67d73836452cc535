// Builds the benchmark's mixed corpus (deterministic for a given checkout): code (the project's
// own C++ sources), JSON (package manifests and lockfiles), English prose (the project's docs) and
// prose in many scripts (the multilingual samples shipped in gpt-tokenizer's TestPlans.txt),
// interleaved in 4 KiB blocks.  usage: node corpus.mjs OUT_FILE [MiB]
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const walk = (dir, ext, out = []) => {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, ext, out);
    else if (ext.some((x) => p.endsWith(x))) out.push(p);
  }
  return out;
};
const cat = (files) => files.map((f) => readFileSync(f, "utf8")).join("\n");
const code = cat(walk(join(root, "src"), [".cpp", ".hpp"]).filter((f) => !f.endsWith(".inc")));
const json = cat([join(here, "package-lock.json"), ...walk(join(here, "node_modules"), ["package.json"])]);
const prose = cat([...walk(join(root, "docs"), [".md"])]);
const plans = readFileSync(join(here, "node_modules/gpt-tokenizer/data/TestPlans.txt"), "utf8")
  .split("\n").filter((l) => l.startsWith("Sample: ")).map((l) => l.slice(8))
  .filter((s) => /[^\x00-\x7f]/.test(s)).join("\n");
const sources = [code, json, prose, plans];
const target = (Number(process.argv[3]) || 4) << 20;
let out = "", k = 0;
const offs = sources.map(() => 0);
while (Buffer.byteLength(out) < target) {
  const i = k++ % sources.length, s = sources[i];
  out += s.slice(offs[i], offs[i] + 4096);
  offs[i] = (offs[i] + 4096) % Math.max(1, s.length - 4096);
}
writeFileSync(process.argv[2], out);
console.error(`corpus: ${Buffer.byteLength(out)} bytes (code ${code.length}, json ${json.length}, prose ${prose.length}, multilingual ${plans.length} chars)`);
