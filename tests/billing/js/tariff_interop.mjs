// Cross-checks verimeter's tariffs and charges against independent code:
//  * canonical bytes: `canonicalize` (RFC 8785 JCS, npm) of the same snapshot object;
//  * content hash: node:crypto SHA-256 of those bytes;
//  * TOML mapping: `smol-toml` (npm) parses examples/tariffs/*.toml, mapped per the spec;
//  * the charge: a BigInt re-implementation of docs/spec/tariff.md §4-5.
// Inputs: the vectors of docs/spec/tariff.md §8 and seeded random cases printed by
// billing_tariff_dump. Fails (never skips) when node_modules is missing.
// Usage: node tariff_interop.mjs REPO_ROOT DUMP_BINARY [COUNT]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules', 'canonicalize')) ||
    !existsSync(join(here, 'node_modules', 'smol-toml'))) {
  console.error(`FAIL: ${here}/node_modules is missing; run npm ci in tests/billing/js`);
  process.exit(1);
}
const { default: canonicalize } = await import('canonicalize');
const { parse: parseToml } = await import('smol-toml');

const [root, dumpBinary, countArg] = process.argv.slice(2);
const BUCKETS = ['input_uncached', 'input_cache_read', 'input_cache_write_5m',
  'input_cache_write_1h', 'output_visible', 'output_reasoning', 'audio_in', 'audio_out'];
const MAX = (1n << 53n) - 1n;
const SCALE = 1000000n;
let passed = 0;
let failed = 0;

function check(ok, what) {
  if (ok) { passed++; return; }
  failed++;
  if (failed <= 20) console.error(`FAIL: ${what}`);
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// TOML has no null: an absent maximum_charge / tier up_to is null; date-times become UTC ms.
function tomlTariff(text) {
  const t = parseToml(text);
  if (!('maximum_charge' in t)) t.maximum_charge = null;
  // (smol-toml's TomlDate keeps the written offset in toISOString(); a plain Date gives UTC.)
  if (t.effective_from instanceof Date) {
    t.effective_from = new Date(t.effective_from.getTime()).toISOString();
  }
  for (const m of t.models) {
    for (const tiers of Object.values(m.tiers)) {
      for (const tier of tiers) if (!('up_to' in tier)) tier.up_to = null;
    }
  }
  return t;
}

function loadTariff(rel) {
  const text = readFileSync(join(root, rel), 'utf8');
  return rel.endsWith('.toml') ? tomlTariff(text) : JSON.parse(text);
}

function roundDiv(s, rule) {
  const q = s / SCALE;
  const r = s % SCALE;
  if (r === 0n) return q;
  const twice = 2n * r;
  switch (rule) {
    case 'down': return q;
    case 'up': return q + 1n;
    case 'half_up': return twice >= SCALE ? q + 1n : q;
    case 'half_down': return twice > SCALE ? q + 1n : q;
    case 'half_even': return twice > SCALE || (twice === SCALE && q % 2n === 1n) ? q + 1n : q;
    default: throw new Error(`unknown rule ${rule}`);
  }
}

function findEntry(t, model) {
  return t.models.find((m) => (m.match.endsWith('*')
    ? model.startsWith(m.match.slice(0, -1)) : m.match === model)) ?? null;
}

function priceLine(m, bucket, tokens) {
  const base = BigInt(m.per_million[bucket]);
  const segments = [];
  let sub = 0n;
  if (m.tiers[bucket]) {
    let lower = 0n;
    for (const tier of m.tiers[bucket]) {
      const upper = tier.up_to === null ? tokens : BigInt(tier.up_to);
      const top = tokens < upper ? tokens : upper;
      if (top > lower) {
        const n = top - lower;
        const s = n * BigInt(tier.per_million);
        segments.push({ tokens: Number(n), per_million: tier.per_million, subtotal_scaled: s.toString() });
        sub += s;
      }
      if (upper > lower) lower = upper;
    }
  } else {
    sub = tokens * base;
  }
  return { bucket, tokens: Number(tokens), per_million: Number(base), tiers: segments,
    subtotal_scaled: sub.toString(), sub };
}

// docs/spec/tariff.md §4; returns a charge object or an error code.
function computeCharge(t, model, buckets, requests) {
  const m = findEntry(t, model);
  if (!m) return 'tariff_no_match';
  const lines = [];
  let total = 0n;
  for (const b of BUCKETS) {
    const tokens = BigInt(buckets[b]);
    if (tokens > MAX) return 'charge_overflow';
    const { sub, ...line } = priceLine(m, b, tokens);
    lines.push(line);
    total += sub;
  }
  const rounded = roundDiv(total, t.rounding);
  if (rounded > MAX) return 'charge_overflow';
  const fees = [];
  let feesTotal = 0n;
  for (const r of requests) {
    if (!(r.name in m.request_fees)) return 'tariff_missing_fee';
    const unit = BigInt(m.request_fees[r.name]);
    const amount = BigInt(r.count) * unit;
    if (BigInt(r.count) > MAX || amount > MAX) return 'charge_overflow';
    feesTotal += amount;
    if (feesTotal > MAX) return 'charge_overflow';
    fees.push({ name: r.name, count: r.count, unit: Number(unit), amount: Number(amount) });
  }
  const sum = rounded + feesTotal;
  if (sum > MAX) return 'charge_overflow';
  let amount = sum;
  const minimum = BigInt(t.minimum_charge);
  const minimumApplied = amount < minimum;
  if (minimumApplied) amount = minimum;
  let maximumApplied = false;
  if (t.maximum_charge !== null && amount > BigInt(t.maximum_charge)) {
    amount = BigInt(t.maximum_charge);
    maximumApplied = true;
  }
  return {
    currency: t.currency, exponent: t.exponent, rounding: t.rounding, model_entry: m.match,
    lines, fees, subtotal_scaled: total.toString(), rounded_subtotal: Number(rounded),
    fees_total: Number(feesTotal), minimum_applied: minimumApplied,
    maximum_applied: maximumApplied, amount: Number(amount),
  };
}

function fencedBlocks(md, info) {
  const out = [];
  const open = '```' + info + '\n';
  for (let pos = md.indexOf(open); pos !== -1; pos = md.indexOf(open, pos)) {
    pos += open.length;
    const end = md.indexOf('\n```', pos);
    out.push(md.slice(pos, end));
  }
  return out;
}

// 1. The vectors of the specification.
const spec = readFileSync(join(root, 'docs/spec/tariff.md'), 'utf8');
const hashVectors = JSON.parse(fencedBlocks(spec, 'json hash-vectors')[0]);
for (const v of hashVectors) {
  check(sha256(canonicalize(loadTariff(v.tariff))) === v.content_hash, `hash of ${v.tariff}`);
}
const chargeVectors = fencedBlocks(spec, 'json vector').map((b) => JSON.parse(b));
check(chargeVectors.length >= 9, 'at least 9 charge vectors in the spec');
for (const v of chargeVectors) {
  const got = computeCharge(loadTariff(v.tariff), v.model, v.buckets, v.requests);
  if (v.expected_error) check(got === v.expected_error, `${v.name}: ${JSON.stringify(got)}`);
  else check(canonicalize(got) === canonicalize(v.expected), `${v.name}: ${canonicalize(got)}`);
}

// 2. Seeded random cases from the C++ implementation.
const count = countArg ?? '3000';
const dump = spawnSync(dumpBinary, [count, '20260201'], { encoding: 'utf8', maxBuffer: 1 << 30 });
check(dump.status === 0, `${dumpBinary} exited with ${dump.status}: ${dump.stderr}`);
const lines = dump.stdout.split('\n').filter((l) => l.length > 0);
check(lines.length === Number(count), `expected ${count} cases, got ${lines.length}`);
let charged = 0;
for (const [i, text] of lines.entries()) {
  const c = JSON.parse(text);
  const bytes = canonicalize(c.tariff);
  check(bytes === c.canonical, `case ${i}: canonical tariff bytes differ`);
  check(sha256(bytes) === c.content_hash, `case ${i}: content hash differs`);
  check(canonicalize(tomlTariff(c.toml)) === c.canonical, `case ${i}: smol-toml reads\n${c.toml}`);
  const got = computeCharge(c.tariff, c.model, c.buckets, c.requests);
  if (typeof got === 'string') {
    check(got === c.error, `case ${i}: expected ${c.error ?? 'a charge'}, reference says ${got}`);
  } else {
    check(canonicalize(got) === c.charge_jcs, `case ${i}: charge differs\n ${canonicalize(got)}\n ${c.charge_jcs}`);
    charged++;
  }
}
check(charged > Number(count) / 3, `only ${charged} random cases produced a charge`);
console.log(`tariff interop: ${lines.length} random cases (${charged} charged), ` +
  `${chargeVectors.length} spec vectors, ${hashVectors.length} hash vectors`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
