// The site's search, in the reader's browser: no server, no other host.
// It reads the index that `bantin build` writes beside the search page
// (internal/search): a small manifest, then only the shards that hold the
// query's words, then the document files of the results shown. The query
// rules here are those of internal/search/query.go, step for step; a
// change to one must be made in the other.
(() => {
  "use strict";
  const script = document.getElementById("search-script");
  const box = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const all = document.getElementById("search-all");
  if (!script || !box || !status || !list) return;
  const dir = new URL(script.dataset.index, location.href); // the index's directory
  const root = new URL(script.dataset.root, location.href); // the site's root
  const words = { count: script.dataset.count || "%d", none: script.dataset.none || "", empty: script.dataset.empty || "" };
  const PAGE = 10;
  const MAX_TOKEN = 48; // bytes, as search.MaxToken

  // Folding: lowercase, diacritics removed, đ read as d; one UTF-16 unit
  // for one, so an offset in the folded text is one in the text.
  const folded = new Map();
  const mark = /\p{Mn}/u;
  function foldUnit(c) {
    if (c < 0x80) return c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : String.fromCharCode(c);
    const ch = String.fromCharCode(c);
    let f = folded.get(ch);
    if (f === undefined) {
      if (c === 0x111 || c === 0x110) {
        f = "d";
      } else if (c >= 0xd800 && c <= 0xdfff) {
        f = ch;
      } else {
        let l = ch.toLowerCase();
        if (l.length !== 1) l = ch;
        const first = l.normalize("NFD")[0];
        f = first && !mark.test(first) ? first : l;
      }
      folded.set(ch, f);
    }
    return f;
  }
  function fold(s) {
    let out = "";
    for (let i = 0; i < s.length; i++) out += foldUnit(s.charCodeAt(i));
    return out;
  }

  // Tokens: runs of letters, digits and marks; "," and "." between two
  // digits stay inside a number ("96,5", "746.000").
  const wordChar = /[\p{L}\p{Nd}\p{Mn}]/u;
  const isDigit = c => c >= 0x30 && c <= 0x39;
  function cutBytes(w) {
    let bytes = 0, i = 0;
    for (const ch of w) {
      const cp = ch.codePointAt(0);
      const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > MAX_TOKEN) break;
      bytes += n;
      i += ch.length;
    }
    return w.slice(0, i);
  }
  function tokens(text) {
    text = text.normalize("NFC");
    const out = [];
    let start = -1;
    const flush = end => {
      if (start < 0) return;
      const lower = cutBytes(text.slice(start, end)).toLowerCase();
      start = -1;
      out.push({ word: lower, key: fold(lower) });
    };
    for (let i = 0; i < text.length;) {
      const ch = String.fromCodePoint(text.codePointAt(i));
      if (wordChar.test(ch)) {
        if (start < 0) start = i;
      } else if (!((ch === "," || ch === ".") && start >= 0 && i > 0 && isDigit(text.charCodeAt(i - 1)) &&
                   i + 1 < text.length && isDigit(text.charCodeAt(i + 1)))) {
        flush(i);
      }
      i += ch.length;
    }
    flush(text.length);
    return out;
  }

  // Keys are sorted as Go sorts them: by code point (UTF-8 bytes), which
  // differs from JavaScript's order of UTF-16 units above U+FFFF.
  function cmp(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        const sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
        return sx !== sy ? (sx ? 1 : -1) : x - y;
      }
    }
    return a.length - b.length;
  }

  // Loading, each file once.
  let manifest = null;
  const shards = new Map(), chunks = new Map();
  async function get(name, kind) {
    const url = new URL(name, dir);
    if (manifest) url.search = "v=" + manifest.v;
    const res = await fetch(url, manifest ? {} : { cache: "no-cache" });
    if (!res.ok) throw new Error(url + ": " + res.status);
    return kind === "json" ? res.json() : new Uint8Array(await res.arrayBuffer());
  }
  async function loadManifest() {
    if (!manifest) manifest = await get("index.json", "json");
    return manifest;
  }
  function shardOf(key) {
    const keys = manifest.k;
    let lo = 0, hi = keys.length; // the first key after key
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(keys[mid], key) <= 0) lo = mid + 1; else hi = mid;
    }
    return Math.max(0, lo - 1);
  }
  const utf8 = new TextDecoder();
  function decodeShard(b) {
    let at = 0;
    const uv = () => {
      let v = 0, mul = 1;
      for (;;) {
        if (at >= b.length) throw new Error("corrupt shard");
        const c = b[at++];
        v += (c & 0x7f) * mul;
        if (c < 0x80) return v;
        mul *= 128;
      }
    };
    const str = () => {
      const n = uv();
      if (at + n > b.length) throw new Error("corrupt shard");
      const s = utf8.decode(b.subarray(at, at + n));
      at += n;
      return s;
    };
    const out = new Map();
    for (let t = uv(); t > 0; t--) {
      const key = str();
      const variants = [];
      for (let nv = uv(); nv > 0; nv--) {
        const word = str() || key;
        const n = uv();
        const docs = new Array(n), fields = new Array(n);
        let doc = 0;
        for (let i = 0; i < n; i++) {
          const v = uv();
          doc += Math.floor(v / 16);
          docs[i] = doc;
          fields[i] = v % 16;
        }
        variants.push({ word, docs, fields });
      }
      out.set(key, variants);
    }
    return out;
  }
  async function shard(i) {
    if (!shards.has(i)) shards.set(i, get("s/" + i + ".bin").then(decodeShard));
    return shards.get(i);
  }
  async function doc(id) {
    const j = Math.floor(id / manifest.c);
    if (!chunks.has(j)) chunks.set(j, get("d/" + j + ".json", "json"));
    return (await chunks.get(j))[id % manifest.c];
  }

  // search returns the documents matching every word of q, best first:
  // more words matched with the accents as typed, then the sum of each
  // word's best field (title 8 > tags 4 > summary 2 > body 1), then the
  // order of the index (newest bulletins first).
  async function search(q) {
    const ws = [];
    for (const t of tokens(q)) if (!ws.some(w => w.key === t.key)) ws.push(t);
    if (!ws.length) return { hits: [], keys: [] };
    await loadManifest();
    const prefixLast = wordChar.test(Array.from(q).pop() || ""); // still typing the last word
    const found = [], keys = [];
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      const s = await shard(shardOf(w.key));
      let ps = s.get(w.key);
      keys.push(w);
      if (!ps && i === ws.length - 1 && prefixLast) {
        w.prefix = true; // highlighted as the start of a word, like it matched
        ps = [];
        for (const [k, v] of s) if (k.startsWith(w.key)) ps.push(...v);
      }
      const weight = new Map(), exact = new Set();
      for (const p of ps || []) {
        for (let j = 0; j < p.docs.length; j++) {
          const d = p.docs[j], f = p.fields[j];
          const wt = f >= 8 ? 8 : f >= 4 ? 4 : f >= 2 ? 2 : 1;
          weight.set(d, Math.max(weight.get(d) || 0, wt));
          if (w.word !== w.key && p.word === w.word) exact.add(d); // only accents typed count
        }
      }
      if (!weight.size) return { hits: [], keys };
      found.push({ weight, exact });
    }
    found.sort((a, b) => a.weight.size - b.weight.size);
    const hits = [];
    for (const [d, w] of found[0].weight) {
      const h = { id: d, score: w, exact: found[0].exact.has(d) ? 1 : 0 };
      let ok = true;
      for (const m of found.slice(1)) {
        const x = m.weight.get(d);
        if (x === undefined) { ok = false; break; }
        h.score += x;
        if (m.exact.has(d)) h.exact++;
      }
      if (ok) hits.push(h);
    }
    hits.sort((a, b) => b.exact - a.exact || b.score - a.score || a.id - b.id);
    return { hits, keys };
  }

  // Showing results: text only (textContent), never HTML from the index.
  // find is where word w of the query next starts in text, at or after
  // from, as a whole word (or the start of one, for an unfinished last word
  // that matched as a prefix: so "de" does not light up "đến"): a word
  // typed with accents is looked for as typed (so "án" does not light up
  // "an"), another folded.
  function finder(text) {
    const f = fold(text);
    let lower = text.toLowerCase();
    if (lower.length !== text.length) lower = f;
    return (w, from) => {
      const [hay, needle] = w.word !== w.key ? [lower, w.word] : [f, w.key];
      const apart = i => (i === 0 || !wordChar.test(text[i - 1])) &&
        (w.prefix || i + needle.length >= text.length || !wordChar.test(text[i + needle.length]));
      let i = hay.indexOf(needle, from);
      while (i >= 0 && !apart(i)) i = hay.indexOf(needle, i + 1);
      return i;
    };
  }
  function highlight(el, text, keys) {
    const find = finder(text);
    let at = 0;
    while (at < text.length) {
      let best = -1, len = 0;
      for (const w of keys) {
        const i = find(w, at);
        if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.key.length; }
      }
      if (best < 0) break;
      el.append(text.slice(at, best));
      const m = document.createElement("mark");
      m.textContent = text.slice(best, best + len);
      el.append(m);
      at = best + len;
    }
    el.append(text.slice(at));
  }
  function excerpt(d, keys) {
    for (const text of [d.x || "", d.s || ""]) {
      // The excerpt starts near the place where most of the query's words
      // come together, the earliest of those.
      const find = finder(text);
      const at = keys.map(w => {
        const ps = [];
        for (let i = find(w, 0); i >= 0 && ps.length < 64; i = find(w, i + 1)) ps.push(i);
        return ps;
      });
      let first = -1, most = 0;
      for (const p of at.flat().sort((a, b) => a - b)) {
        const n = at.filter(ps => ps.some(i => i >= p && i < p + 80)).length;
        if (n > most) { most = n; first = p; }
      }
      if (first >= 0) {
        let start = Math.max(0, first - 70);
        if (start > 0) start = text.indexOf(" ", start) + 1 || start;
        const end = Math.min(text.length, start + 220);
        return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
      }
    }
    const text = d.s || d.x || "";
    return text.length > 220 ? text.slice(0, 220) + "…" : text;
  }
  function item(d, keys) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = new URL(d.u, root).href;
    highlight(a, d.t, keys);
    const h = document.createElement("h2");
    h.className = "search-title";
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [d.k, d.d].filter(Boolean).join(" · ");
    const p = document.createElement("p");
    p.className = "search-excerpt";
    highlight(p, excerpt(d, keys), keys);
    li.append(h, meta, p);
    return li;
  }

  let seq = 0, current = null;
  async function run(q, push) {
    const mine = ++seq;
    if (push) {
      const u = new URL(location.href);
      if (q.trim()) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(null, "", u);
    }
    const header = document.getElementById("site-search-q");
    if (header) header.value = q;
    if (!q.trim()) {
      list.replaceChildren();
      list.hidden = true;
      if (more) more.hidden = true;
      if (all) all.hidden = false;
      status.textContent = words.empty;
      return;
    }
    let r;
    try {
      r = await search(q);
    } catch (e) {
      if (mine === seq) status.textContent = words.none + " (" + e.message + ")";
      return;
    }
    if (mine !== seq) return;
    current = { r, shown: 0 };
    list.replaceChildren();
    await show(mine);
    if (mine !== seq) return;
    status.textContent = r.hits.length ? words.count.replace("%d", r.hits.length.toLocaleString(document.documentElement.lang || undefined)) : words.none;
    list.hidden = !r.hits.length;
    if (all) all.hidden = true;
  }
  async function show(mine) {
    const { r } = current;
    const next = r.hits.slice(current.shown, current.shown + PAGE);
    const docs = await Promise.all(next.map(h => doc(h.id)));
    if (mine !== seq) return;
    for (const d of docs) if (d) list.append(item(d, r.keys));
    current.shown += next.length;
    if (more) more.hidden = current.shown >= r.hits.length;
  }

  // Keyboard: "/" reaches the box; arrows move through the results; Enter
  // on a result opens it (it is a link); Escape goes back to the box.
  const links = () => Array.from(list.querySelectorAll("a"));
  document.addEventListener("keydown", e => {
    const t = e.target;
    const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "Escape") return;
    const ls = links();
    const i = ls.indexOf(t);
    if (t === box && e.key === "ArrowDown" && ls.length) {
      e.preventDefault();
      ls[0].focus();
    } else if (i >= 0) {
      e.preventDefault();
      if (e.key === "Escape" || (e.key === "ArrowUp" && i === 0)) box.focus();
      else ls[Math.min(ls.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)))].focus();
    }
  });

  let timer = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(box.value, true), 120);
  });
  box.form.addEventListener("submit", e => {
    e.preventDefault();
    clearTimeout(timer);
    run(box.value, true);
  });
  if (more) more.addEventListener("click", () => current && show(seq));
  box.value = new URLSearchParams(location.search).get("q") || "";
  run(box.value, false);
})();
