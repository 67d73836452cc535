// Deterministic (seeded) differential corpus for the tokenizer: every script, emoji and ZWJ
// sequences, whitespace and newline runs, code, JSON, numbers, contractions, special-token text,
// invalid UTF-8, long words and long runs. Exports makeCorpus(): an array of {name, bytes}.

const SCRIPTS = ["Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Syriac", "Thaana",
  "Nko", "Samaritan", "Mandaic", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
  "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Georgian",
  "Hangul", "Ethiopic", "Cherokee", "Canadian_Aboriginal", "Ogham", "Runic", "Tagalog", "Hanunoo",
  "Buhid", "Tagbanwa", "Khmer", "Mongolian", "Limbu", "Tai_Le", "New_Tai_Lue", "Buginese",
  "Tai_Tham", "Balinese", "Sundanese", "Batak", "Lepcha", "Ol_Chiki", "Glagolitic", "Tifinagh",
  "Hiragana", "Katakana", "Bopomofo", "Han", "Yi", "Lisu", "Vai", "Bamum", "Syloti_Nagri",
  "Phags_Pa", "Saurashtra", "Kayah_Li", "Rejang", "Javanese", "Cham", "Tai_Viet", "Meetei_Mayek",
  "Linear_B", "Lycian", "Carian", "Old_Italic", "Gothic", "Old_Permic", "Ugaritic", "Old_Persian",
  "Deseret", "Shavian", "Osmanya", "Osage", "Elbasan", "Caucasian_Albanian", "Vithkuqi",
  "Linear_A", "Cypriot", "Imperial_Aramaic", "Palmyrene", "Nabataean", "Hatran", "Phoenician",
  "Lydian", "Meroitic_Hieroglyphs", "Meroitic_Cursive", "Kharoshthi", "Old_South_Arabian",
  "Old_North_Arabian", "Manichaean", "Avestan", "Inscriptional_Parthian", "Inscriptional_Pahlavi",
  "Psalter_Pahlavi", "Old_Turkic", "Old_Hungarian", "Hanifi_Rohingya", "Yezidi", "Old_Sogdian",
  "Sogdian", "Old_Uyghur", "Chorasmian", "Elymaic", "Brahmi", "Kaithi", "Sora_Sompeng", "Chakma",
  "Mahajani", "Sharada", "Khojki", "Multani", "Khudawadi", "Grantha", "Newa", "Tirhuta",
  "Siddham", "Modi", "Takri", "Ahom", "Dogra", "Warang_Citi", "Dives_Akuru", "Nandinagari",
  "Zanabazar_Square", "Soyombo", "Pau_Cin_Hau", "Bhaiksuki", "Marchen", "Masaram_Gondi",
  "Gunjala_Gondi", "Makasar", "Kawi", "Cuneiform", "Cypro_Minoan", "Egyptian_Hieroglyphs",
  "Anatolian_Hieroglyphs", "Mro", "Tangsa", "Bassa_Vah", "Pahawh_Hmong", "Medefaidrin", "Miao",
  "Tangut", "Nushu", "Khitan_Small_Script", "Duployan", "SignWriting", "Nyiakeng_Puachue_Hmong",
  "Toto", "Wancho", "Nag_Mundari", "Mende_Kikakui", "Adlam", "Garay", "Gurung_Khema", "Kirat_Rai",
  "Ol_Onal", "Sunuwar", "Todhri", "Tulu_Tigalari", "Sidetic", "Tolong_Siki", "Beria_Erfe",
  "Tai_Yo", "Common", "Inherited"];

function rng(seed) {  // xorshift32, deterministic across platforms
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

export function makeCorpus({ seed = 20240611, long = true } = {}) {
  const R = rng(seed);
  const pick = (a) => a[Math.floor(R() * a.length)];
  const int = (lo, hi) => lo + Math.floor(R() * (hi - lo + 1));
  const enc = new TextEncoder();
  const out = [];
  const add = (name, s) => out.push({ name, bytes: typeof s === "string" ? enc.encode(s) : s });

  // Code points per script (scripts unknown to this Node version are skipped).
  const scriptChars = {};
  for (const sc of SCRIPTS) {
    let re;
    try { re = new RegExp(`^\\p{Script=${sc}}$`, "u"); } catch { continue; }
    const cps = [];
    for (let cp = 0; cp < 0x110000; cp += (cp < 0x30000 ? 1 : 1)) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (re.test(String.fromCodePoint(cp))) cps.push(cp);
      if (cp === 0x32000) break;
    }
    if (cps.length) scriptChars[sc] = cps;
  }
  const word = (cps, n) => { let s = ""; for (let i = 0; i < n; i++) s += String.fromCodePoint(pick(cps)); return s; };
  const SEPS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", ", ", ". ", "! ", "? ", " - ", "\r\n", "'s ", "'", "\u00a0", "\u3000", "/", "\\", ": ", "; ", "(", ")", "\"", " \n ", "...", "’"];

  // 1. Hand-written edge cases.
  const edges = ["", "a", " ", "\n", "  ", "hello world", "Hello, World! How are you today? 🌍",
    "I'm you're they've we'll he'd it's ISN'T WE'LL She'S 'S 'sx x's' ''s 'll's",
    "ab'ſ x'K don't DON'T o'clock rock'n'roll", "'s", "'re", "'ll'll", "a'", "'", "' s",
    "<|endoftext|>", "hello <|endoftext|> x <|endofprompt|><|fim_prefix|>", "<|endoftext",
    " \n", "\n ", " \n\n  x", "\r\n\r\n", "a  \n  \n b", "x   ", "x \t ", "\t\t x", "   \n\n\n   ",
    "a/b//c\n//d/\n/", "!!!\n\n!!", " ...\r\n", "1234567890", "1,000,000.50", "٣٤٥٦٧", "１２３４",
    "Ⅻ½²³¼", "x1y22z333w4444", "3.14159e-10", "0x1F_FF", "🇺🇸🇫🇷🇯🇵", "👨‍👩‍👧‍👦 👩🏽‍💻 🏳️‍🌈 🏴‍☠️ ❤️‍🔥",
    "👍🏻👍🏼👍🏽👍🏾👍🏿", "e\u0301e\u0301\u0301 A\u0300", "क्षत्रिय हिन्दी", "กรุงเทพมหานคร",
    "\u0301\u0302x", "\u0301 x", "x\u0301'S", "\ufeffBOM at start", "a\ufeff\ufeffb", "x\u0085\u0085 y",
    "a\u2028\u2029b", "a\u200b\u200bb\u200d", "\u180e\u180ex", "ǅungla ǈ ǋ", "ＡＢＣａｂｃ",
    "中文字符和English混合", "日本語のテキスト、カタカナ", "한국어 텍스트입니다", "Ελληνικά κείμενο",
    "Русский текст с ЗАГЛАВНЫМИ", "עברית טקסט", "العربية نص", "ئۇيغۇرچە", "ᐃᓄᒃᑎᑐᑦ",
    "\u{1D400}\u{1D41A}\u{1D7CE}", "\u{10FFFF}\u{E000}\u{F0000}\uFFFF\uFFFE", "\u0378\u0379", "\0\u0001\u001f\u007f",
    "ꙮ", "ß ẞ ſ ﬁ ﬃ", "İstanbul ı", "ⅰⅱⅲ", "٠١٢", "₀₁₂", "Hello\u00a0World", "tab\tsep\tvalues\n"];
  edges.forEach((s, i) => add(`edge-${i}`, s));

  // 2. Invalid UTF-8 (raw bytes).
  const bad = [[0x80], [0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
    [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xf0, 0x9f, 0x98, 0x41], [0xc3], [0xfe, 0xfe, 0xff], [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0x61, 0xc3, 0x28, 0x62], [0x20, 0x80, 0x20], [0xe2, 0x28, 0xa1], [0xc2, 0x20], [0xf5, 0x80], [0xc1, 0xbf], [0xef, 0xbf, 0xbd]];
  bad.forEach((b, i) => add(`invalid-${i}`, Uint8Array.from([0x78, ...b, 0x79])));
  for (let k = 0; k < 200; k++) {
    const n = int(1, 60), b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = R() < 0.5 ? int(0, 255) : pick([0x20, 0x61, 0x41, 0x0a, 0x27, 0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0x9f]);
    add(`random-bytes-${k}`, b);
  }

  // 3. Every script: words and sentences.
  for (const [sc, cps] of Object.entries(scriptChars)) {
    for (let k = 0; k < 6; k++) {
      let s = "";
      const words = int(1, 12);
      for (let w = 0; w < words; w++) s += word(cps, int(1, 9)) + pick(SEPS);
      add(`script-${sc}-${k}`, s);
    }
  }
  // 4. Mixed scripts, cases, digits and punctuation.
  const allScripts = Object.values(scriptChars);
  for (let k = 0; k < 800; k++) {
    let s = "";
    const words = int(1, 20);
    for (let w = 0; w < words; w++) {
      const r = R();
      if (r < 0.35) s += word(pick(allScripts), int(1, 8));
      else if (r < 0.55) { const ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"; let x = ""; for (let i = int(1, 10); i > 0; i--) x += pick([...ascii]); s += x; }
      else if (r < 0.65) s += String(int(0, 10 ** int(1, 9)));
      else if (r < 0.75) s += pick(["'s", "'S", "'t", "'re", "'VE", "'m", "'ll", "'d", "'x", "'", "''"]);
      else if (r < 0.85) s += String.fromCodePoint(int(0x20, 0x2fff));
      else s += pick(["😀", "👨‍👩‍👧", "🏳️‍🌈", "✍🏿", "🇪🇺", "🧑‍🚀", "⚡", "\u200d", "\ufe0f", "\u0301"]);
      s += pick(SEPS);
    }
    add(`mixed-${k}`, s);
  }
  // 5. Random code points over the whole range (assigned or not), and whitespace soup.
  for (let k = 0; k < 300; k++) {
    let s = "";
    for (let i = int(1, 30); i > 0; i--) {
      let cp = R() < 0.3 ? int(0, 0x7f) : R() < 0.7 ? int(0x80, 0xffff) : int(0x10000, 0x10ffff);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x20;
      s += String.fromCodePoint(cp);
    }
    add(`codepoints-${k}`, s);
  }
  const WS = [" ", "\t", "\n", "\r", "\u000b", "\f", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2009", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u180e", "\u200b"];
  for (let k = 0; k < 300; k++) {
    let s = "";
    for (let i = int(1, 20); i > 0; i--) s += R() < 0.7 ? pick(WS) : pick(["a", "B", "1", "!", "é", "中", "/", "'s", "😀"]);
    add(`whitespace-${k}`, s);
  }
  // 6. Code and JSON.
  const idents = ["value", "count", "x", "userId", "HTTPServer", "parse_json", "i", "_tmp", "ÄÖÜ", "名前"];
  for (let k = 0; k < 150; k++) {
    const a = pick(idents), b = pick(idents);
    const lines = [
      `#include <vector>\nint ${a}(const std::vector<int>& v) {\n  int s = 0;\n  for (int i = 0; i < ${int(1, 999)}; ++i) s += v[i] * ${int(2, 77)};\n  return s;\n}\n`,
      `def ${a}(${b}, *args, **kw):\n    """Doc string."""\n    if ${b} >= ${int(0, 100)}:\n        return [${b} ** 2 for _ in range(10)]\n\treturn None\n`,
      `const ${a} = async (${b}) => { await fetch(\`/api/v1/${b}?q=\${${b}}\`); return ${b}?.x ?? null; };\n`,
      JSON.stringify({ id: int(1, 1e9), name: a, tags: [b, "x"], nested: { ok: R() < 0.5, v: R() * 1000 } }, null, int(0, 4)),
      `SELECT ${a}, COUNT(*) FROM t_${b} WHERE x <> 'y' GROUP BY 1;  -- comment\n`,
      `    \n\n\t\t}\n  }\n}\n\n\n`,
      `<div class="${a}">&nbsp;${b}</div>\n<!-- // https://example.com/a/b/c?d=e#f -->\n`,
    ];
    add(`code-${k}`, pick(lines) + pick(lines));
  }
  // 7. Long words and runs (sizes the reference implementations can still handle).
  const runs = ["a", "A", "é", "中", " ", "\n", "1", "!", "ab", "😀", "\u0301", " a", "a ", "Ab", "\t\n", "/"];
  const sizes = long ? [100, 1000, 5000] : [100];
  for (const r of runs) for (const n of sizes) add(`run-${JSON.stringify(r)}-${n}`, r.repeat(Math.max(1, Math.floor(n / r.length))));
  for (let k = 0; k < 20; k++) add(`longword-${k}`, word(pick(allScripts), int(50, 400)));
  return out;
}
