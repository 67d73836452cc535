// The node side of bench_billing_tariff: content hash of the default tariff with `canonicalize`
// (RFC 8785) + node:crypto, and the BigInt reference charge, timed in this process.
// Usage: node tariff_peer.mjs REPO_ROOT ITERATIONS
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';

const [root, itersArg] = process.argv.slice(2);
const n = Number(itersArg ?? '200000');
const text = readFileSync(`${root}/examples/tariffs/default-usd.json`, 'utf8');
const BUCKETS = ['input_uncached', 'input_cache_read', 'input_cache_write_5m',
  'input_cache_write_1h', 'output_visible', 'output_reasoning', 'audio_in', 'audio_out'];

function perSecond(iterations, body) {
  for (let i = 0; i < Math.min(1000, iterations); i++) body(i);  // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) body(i);
  return iterations / (Number(process.hrtime.bigint() - start) / 1e9);
}

// The charge of docs/spec/tariff.md §4 for flat prices (what the benchmark request uses).
function charge(t, model, buckets, requests) {
  const m = t.models.find((e) => (e.match.endsWith('*')
    ? model.startsWith(e.match.slice(0, -1)) : e.match === model));
  let total = 0n;
  const lines = BUCKETS.map((b) => {
    const sub = BigInt(buckets[b]) * BigInt(m.per_million[b]);
    total += sub;
    return { bucket: b, tokens: buckets[b], per_million: m.per_million[b], tiers: [],
      subtotal_scaled: sub.toString() };
  });
  const q = total / 1000000n;
  const r = total % 1000000n;
  const rounded = 2n * r >= 1000000n ? q + 1n : q;  // half_up
  const fees = requests.map((x) => ({ name: x.name, count: x.count,
    unit: m.request_fees[x.name], amount: x.count * m.request_fees[x.name] }));
  const feesTotal = fees.reduce((s, f) => s + f.amount, 0);
  return { currency: t.currency, exponent: t.exponent, rounding: t.rounding, model_entry: m.match,
    lines, fees, subtotal_scaled: total.toString(), rounded_subtotal: Number(rounded),
    fees_total: feesTotal, minimum_applied: false, maximum_applied: false,
    amount: Number(rounded) + feesTotal };
}

let sink = 0;
const hash = perSecond(Math.max(1, Math.floor(n / 200)), () => {
  sink += createHash('sha256').update(canonicalize(JSON.parse(text))).digest('hex').length;
});
const tariff = JSON.parse(text);
const buckets = { input_uncached: 1000, input_cache_read: 2000, input_cache_write_5m: 500,
  input_cache_write_1h: 100, output_visible: 400, output_reasoning: 0, audio_in: 0, audio_out: 0 };
const req = [{ name: 'web_search_requests', count: 1 }];
const plain = perSecond(n, (i) => {
  buckets.output_visible = 400 + (i % 7);
  sink += charge(tariff, 'claude-sonnet-4-5-20250929', buckets, req).amount;
});
const withJcs = perSecond(Math.floor(n / 4), (i) => {
  buckets.output_visible = 400 + (i % 7);
  sink += canonicalize(charge(tariff, 'claude-sonnet-4-5-20250929', buckets, req)).length;
});
const f = (x) => x.toFixed(0).padStart(12);
console.log(`  charge (BigInt reference)         ${f(plain)} /s  (${(1e6 / plain).toFixed(2)} us)`);
console.log(`  charge + canonicalize             ${f(withJcs)} /s  (${(1e6 / withJcs).toFixed(2)} us)`);
console.log(`  JSON.parse + canonicalize + hash  ${f(hash)} /s  (${(1e6 / hash).toFixed(1)} us)`);
if (sink === 0) console.log('');
