// Splits SSE transcripts into events with eventsource-parser (an independent implementation of
// the WHATWG EventSource parsing rules) and prints them as JSON, the reference that
// billing_sse_interop compares verimeter's parse_sse against.
// Usage: node sse_reference.mjs FIXTURE_DIR REL_PATH...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createParser } from "eventsource-parser";

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error("usage: node sse_reference.mjs FIXTURE_DIR REL_PATH...");
  process.exit(2);
}
const out = files.map((file) => {
  const events = [];
  const parser = createParser({
    onEvent: (ev) => events.push({ event: ev.event ?? "", data: ev.data }),
  });
  const text = readFileSync(join(dir, file), "utf8");
  // Feed in uneven pieces, as a network would deliver them.
  for (let i = 0, step = 1; i < text.length; i += step, step = (step * 7) % 61 + 1) {
    parser.feed(text.slice(i, i + step));
  }
  return { file, events };
});
process.stdout.write(JSON.stringify(out));
