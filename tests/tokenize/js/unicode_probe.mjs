// How the reference tokenizer (tiktoken, Rust regex crate) classifies characters, probed through
// its WASM build, and where the JS regex engine (js-tiktoken, gpt-tokenizer) sees them otherwise.
import { get_encoding } from "tiktoken";

const enc = get_encoding("o200k_base");
const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const ids = (s) => [...enc.encode_ordinary(s)];

// Piece structure of "q" X "'s": a letter or mark X keeps "'s" attached as a contraction.
export function tiktokenSeesLetterOrMark(x) {
  return !eq(ids("q" + x + "'s"), [...ids("q" + x + "'"), ...ids("s")]) ||
         eq(ids("q" + x + "'s").slice(-1), ids("'s"));
}
// "a X" splits as "a", " ", "X" when X is a number (no space prefix for digits).
export function tiktokenSeesNumber(x) {
  return eq(ids("a " + x), [...ids("a"), ...ids(" "), ...ids(x)]);
}

const rLMN = /^[\p{L}\p{M}\p{N}]$/u, rLM = /^[\p{L}\p{M}]$/u;
const cache = new Map();
// True when the JS engine's \p{L}/\p{M}/\p{N} or \s disagrees with the reference for `cp`.
export function jsDiffersFromReference(cp) {
  if (cp === 0xfeff || cp === 0x85) return true;  // JS \s includes U+FEFF, excludes U+0085
  if (cp < 0x80) return false;
  if (cache.has(cp)) return cache.get(cp);
  const x = String.fromCodePoint(cp);
  let r = false;
  if (rLMN.test(x)) r = rLM.test(x) ? !tiktokenSeesLetterOrMark(x) : !tiktokenSeesNumber(x);
  cache.set(cp, r);
  return r;
}
