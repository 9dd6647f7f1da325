// gongkai site search. Reads the static index under search/ (see src/search/index.rs for the
// layout): fetches only the bucket files of the query's terms, the chunks of large terms page
// by page as far as needed, and the fragments of the records it shows.
// Terms are split exactly as src/search/tokenize.rs splits them; tests/browser.rs checks it.
(function () {
  'use strict';

  // ---- splitting text into terms (mirror of tokenize.rs) ----
  function foldCode(cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 65 && cp <= 90) cp += 32;
    return cp;
  }
  function fold(s) {
    let out = '';
    for (const ch of s) out += String.fromCodePoint(foldCode(ch.codePointAt(0)));
    return out;
  }
  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
  }
  function isAlnum(cp) {
    return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  }
  const isDigit = (cp) => cp >= 48 && cp <= 57;
  // Every term of `text`, in order: Han pairs, lone Han characters, ASCII runs.
  function terms(text) {
    const cps = Array.from(text, (ch) => foldCode(ch.codePointAt(0)));
    const out = [];
    let i = 0;
    while (i < cps.length) {
      const c = cps[i];
      if (isHan(c)) {
        const start = i;
        while (i < cps.length && isHan(cps[i])) i++;
        if (i - start === 1) out.push(String.fromCodePoint(c));
        for (let k = start; k + 1 < i; k++) out.push(String.fromCodePoint(cps[k], cps[k + 1]));
      } else if (isAlnum(c)) {
        let buf = '';
        while (i < cps.length) {
          const d = cps[i];
          const dot = d === 46 && buf.length > 0 && isDigit(buf.charCodeAt(buf.length - 1)) &&
            i + 1 < cps.length && isDigit(cps[i + 1]);
          if (isAlnum(d) || dot) { buf += String.fromCodePoint(d); i++; } else break;
        }
        out.push(buf);
      } else i++;
    }
    return out;
  }
  // FNV-1a 32 over UTF-8, as index.rs.
  const utf8 = new TextEncoder();
  function fnv32(s) {
    let h = 0x811c9dc5;
    for (const b of utf8.encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h >>> 0;
  }

  // ---- reading the index ----
  const form = document.getElementById('search');
  const base = form ? form.dataset.base : '/';
  const root = base + 'search/';
  const files = new Map();
  let bytes = 0;
  function get(path, kind) {
    if (!files.has(path)) {
      files.set(path, fetch(root + path).then((r) => {
        if (!r.ok) throw new Error('无法读取搜索索引 ' + path + '（' + r.status + '）');
        return r[kind]();
      }).then((v) => { bytes += kind === 'json' ? 0 : v.byteLength || 0; return v; }));
    }
    return files.get(path);
  }
  const text = new TextDecoder();
  function reader(b) {
    let at = 0;
    return {
      get at() { return at; },
      skip(n) { at += n; },
      byte() { return b[at++]; },
      varint() {
        let v = 0, s = 1, x;
        do { x = b[at++]; v += (x & 0x7f) * s; s *= 128; } while (x & 0x80);
        return v;
      },
      end() { return at >= b.length; },
    };
  }
  let meta = null;
  const pageBytes = () => (1 << meta.page_bits) / 8;
  function popcount(x) { let n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
  // Adds the blocks in `b` to `pages` (page -> {list} or {bits}).
  function readBlocks(b, pages) {
    const r = reader(b);
    while (!r.end()) {
      const page = r.varint();
      if (r.byte() === 0) {
        const n = r.varint();
        const list = new Uint16Array(n);
        let prev = 0;
        for (let i = 0; i < n; i++) { const d = r.varint(); prev = i === 0 ? d : prev + d; list[i] = prev; }
        pages.set(page, { list, n });
      } else {
        const bits = b.subarray(r.at, r.at + pageBytes());
        r.skip(pageBytes());
        let n = 0;
        for (const x of bits) n += popcount(x);
        pages.set(page, { bits, n });
      }
    }
  }
  const buckets = new Map();
  async function bucket(n) {
    if (!buckets.has(n)) {
      buckets.set(n, get('t/' + n + '.bin', 'arrayBuffer').then((buf) => {
        const b = new Uint8Array(buf);
        const r = reader(b);
        const map = new Map();
        for (let count = r.varint(); count > 0; count--) {
          const len = r.varint();
          const term = text.decode(b.subarray(r.at, r.at + len));
          r.skip(len);
          const df = r.varint();
          const t = { term, df, pages: new Map() };
          if (r.byte() === 0) {
            const l = r.varint();
            readBlocks(b.subarray(r.at, r.at + l), t.pages);
            r.skip(l);
            t.complete = true;
          } else {
            t.id = r.varint();
            t.firsts = [];
            for (let k = r.varint(); k > 0; k--) t.firsts.push(r.varint());
            t.loaded = new Set();
          }
          map.set(term, t);
        }
        return map;
      }));
    }
    return buckets.get(n);
  }
  async function lookup(term) {
    const map = await bucket(fnv32(term) & (meta.buckets - 1));
    return map.get(term) || null;
  }
  // Makes sure the postings of `t` for `page` are loaded.
  async function ensure(t, page) {
    if (t.complete) return;
    let k = -1;
    for (let i = 0; i < t.firsts.length && t.firsts[i] <= page; i++) k = i;
    if (k < 0 || t.loaded.has(k)) return;
    t.loaded.add(k);
    const buf = await get('l/' + t.id + '-' + k + '.bin', 'arrayBuffer');
    readBlocks(new Uint8Array(buf), t.pages);
  }
  function has(p, o) {
    if (p.bits) return (p.bits[o >> 3] >> (o & 7)) & 1;
    let lo = 0, hi = p.list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (p.list[mid] === o) return 1;
      if (p.list[mid] < o) lo = mid + 1; else hi = mid - 1;
    }
    return 0;
  }
  function* members(p) {
    if (p.list) { yield* p.list; return; }
    for (let o = 0; o < p.bits.length * 8; o++) if ((p.bits[o >> 3] >> (o & 7)) & 1) yield o;
  }
  // Record ids holding every term, in record order, restricted to `ranges` ([start, end)).
  // With `without`, skips records that also hold all of those terms (they were listed already).
  async function* candidates(ts, ranges, without) {
    const bits = meta.page_bits;
    const last = (meta.records - 1) >> bits;
    let pages = [];
    const small = ts.filter((t) => t.complete).sort((a, b) => a.pages.size - b.pages.size);
    if (small.length) pages = [...small[0].pages.keys()].sort((a, b) => a - b);
    else for (let p = 0; p <= last; p++) pages.push(p);
    pages = pages.filter((p) => ranges.some(([s, e]) => s < (p + 1) << bits && e > p << bits));
    for (const page of pages) {
      if (small.some((t) => !t.pages.has(page))) continue;
      for (const t of ts.concat(without)) await ensure(t, page);
      const posts = ts.map((t) => t.pages.get(page));
      if (posts.some((p) => !p)) continue;
      const skip = without.length ? without.map((t) => t.pages.get(page)) : null;
      const listed = (o) => skip && skip.every((p) => p && has(p, o) === 1);
      posts.sort((a, b) => a.n - b.n);
      for (const o of members(posts[0])) {
        let all = true;
        for (let i = 1; i < posts.length && all; i++) all = has(posts[i], o) === 1;
        if (!all || listed(o)) continue;
        const id = (page << bits) + o;
        if (ranges.some(([s, e]) => id >= s && id < e)) yield id;
      }
    }
  }
  function fragmentPath(id) { return 'f/' + (id >> 10) + '/' + (id & 1023) + '.bin'; }
  async function fragment(id) {
    const buf = await get(fragmentPath(id), 'arrayBuffer');
    const b = new Uint8Array(buf);
    let json;
    if (b[0] === 0x1f && b[1] === 0x8b) {
      const stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
      json = await new Response(stream).text();
    } else json = text.decode(b); // the server already undid the compression
    return JSON.parse(json);
  }

  // ---- a query ----
  // The box holds whitespace-separated parts; every part must occur. A record holding a part
  // whole ranks first (tier 1). A record holding it only as separate two-character pieces
  // (食品抽检 → 食品 + 抽检, in any order) comes after every tier-1 record (tier 2). A record
  // holding only scattered characters is not a result.
  function isLone(t) { return t.length <= 2 && Array.from(t).length === 1 && isHan(t.codePointAt(0)); }
  // Two-character pieces covering each Han run (an odd run's last piece overlaps), lone Han
  // characters, and ASCII terms.
  function pieces(part) {
    const out = [];
    const ts = terms(part);
    let run = [];
    const flush = () => {
      for (let k = 0; k < run.length; k += 2) out.push(run[k]);
      if (run.length && run.length % 2 === 0) out.push(run[run.length - 1]);
      run = [];
    };
    // Consecutive bigrams of one run share a character: 食品 品抽 抽检.
    for (const t of ts) {
      const cps = Array.from(t);
      const chained = run.length && cps.length === 2 && isHan(t.codePointAt(0)) &&
        Array.from(run[run.length - 1])[1] === cps[0];
      if (cps.length === 2 && isHan(t.codePointAt(0)) && isHan(cps[1].codePointAt(0))) {
        if (!chained) flush();
        run.push(t);
      } else { flush(); out.push(t); }
    }
    flush();
    return [...new Set(out)];
  }
  function parse(q) {
    const parts = [];
    const all = new Set(), cover = new Set(), bits = new Set();
    let tooShort = false;
    for (const p of fold(q).split(/\s+/)) {
      const ts = terms(p);
      if (ts.length === 0) continue; // punctuation only
      if (ts.every(isLone)) { tooShort = true; continue; }
      parts.push(p);
      ts.filter((t) => !isLone(t)).forEach((t) => all.add(t));
      for (const piece of pieces(p)) {
        bits.add(piece);
        if (!isLone(piece)) cover.add(piece);
      }
    }
    // Parts that name a region (乐亭县, 乐亭): its records come first.
    const places = meta ? parts.filter((p) => meta.regions.some((r) => fold(r[2]).includes(p))) : [];
    return { parts, all: [...all], cover: [...cover], pieces: [...bits], tooShort, places };
  }
  // Which segment to show for a record, and its tier: 1 when every part is whole in the record,
  // 2 when every piece is; null when neither (or outside the chosen indicator category).
  // The searched text of a segment: its text, then the comparable metric of an indicator row.
  const searched = (s) => fold(s.m ? s.x + '\n' + s.m : s.x);
  function verify(rec, q, cat) {
    const folded = rec.s.map(searched);
    const holds = (ws) => ws.every((w) => folded.some((f) => f.includes(w)));
    const tier = holds(q.parts) ? 1 : holds(q.pieces) ? 2 : 0;
    if (!tier) return null;
    const words = tier === 1 ? q.parts : q.pieces;
    // The segment shown is the one holding most of the topic (the parts that name no place),
    // an indicator row before other text.
    const topic = words.filter((w) => !q.places.includes(w));
    const want = topic.length ? topic : words;
    let best = -1, score = -1, row = false;
    rec.s.forEach((s, i) => {
      const n = want.filter((w) => folded[i].includes(w)).length;
      const inCat = cat.l1 && s.c && s.c[0] === cat.l1 && (!cat.l2 || s.c[1] === cat.l2);
      const sc = n * 2 + (s.c ? 1 : 0) + (inCat ? 1000 : 0);
      if (n > 0 && sc > score) { best = i; score = sc; row = !!s.c && n === want.length; }
    });
    if (cat.l1 && score < 1000) return null;
    return { seg: best, tier, words, row: tier === 1 && row };
  }

  // ---- the page ----
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const box = $('q'), year = $('f-year'), region = $('f-region'), dept = $('f-dept');
  const l1 = $('f-l1'), l2 = $('f-l2');
  const status = $('status'), list = $('results'), more = $('more');
  const PER_PAGE = 10;
  // The site's part of the page title (“ - 部门预算绩效目标公开”).
  const title = document.title.slice(document.title.indexOf(' - '));

  function option(sel, value, label) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    sel.append(o);
  }
  function refill(sel, first, items) {
    const keep = sel.value;
    sel.textContent = '';
    option(sel, '', first);
    for (const [v, l] of items) option(sel, v, l);
    sel.value = [...sel.options].some((o) => o.value === keep) ? keep : '';
  }
  function fillRegions() {
    const seen = new Map();
    for (const [y, key, name] of meta.regions) if (!year.value || String(y) === year.value) seen.set(key, name);
    refill(region, '全部地区', [...seen].sort((a, b) => a[0].localeCompare(b[0])));
  }
  async function fillDepts() {
    if (!year.value || !region.value) {
      refill(dept, '全部部门（先选年度和地区）', []);
      dept.disabled = true;
      return;
    }
    const rows = await get('d/' + year.value + '-' + region.value + '.json', 'json').catch(() => []);
    refill(dept, '全部部门', rows.map((r) => [r[0], r[1]]));
    dept.disabled = false;
  }
  function fillL2() {
    const row = meta.levels.find((l) => l[0] === l1.value);
    refill(l2, '全部二级指标', row ? row[1].map((x) => [x, x]) : []);
    l2.disabled = !row;
  }
  async function ranges() {
    if (dept.value && year.value && region.value) {
      const rows = await get('d/' + year.value + '-' + region.value + '.json', 'json').catch(() => []);
      return rows.filter((r) => r[0] === dept.value).map((r) => [r[2], r[3]]);
    }
    if (region.value) {
      return meta.regions.filter((r) => r[1] === region.value && (!year.value || String(r[0]) === year.value))
        .map((r) => [r[3], r[4]]);
    }
    if (year.value) return meta.years.filter((y) => String(y[0]) === year.value).map((y) => [y[1], y[2]]);
    return [[0, meta.records]];
  }
  function filtered() { return year.value || region.value || dept.value || l1.value; }

  // Marks every part inside `s` (original text) using folded positions.
  function marked(s, parts) {
    const f = fold(s);
    let at = -1, len = 0;
    for (const p of parts) { const i = f.indexOf(p); if (i >= 0 && (at < 0 || i < at)) { at = i; len = p.length; } }
    const from = Math.max(0, at - 24), to = Math.min(s.length, at + len + 60);
    const frag = document.createDocumentFragment();
    if (from > 0) frag.append('…');
    let i = from;
    while (i < to) {
      let next = -1, plen = 0;
      for (const p of parts) { const j = f.indexOf(p, i); if (j >= 0 && j < to && (next < 0 || j < next)) { next = j; plen = p.length; } }
      if (next < 0) { frag.append(s.slice(i, to)); break; }
      frag.append(s.slice(i, next));
      const m = document.createElement('mark');
      m.textContent = s.slice(next, next + plen);
      frag.append(m);
      i = next + plen;
    }
    if (to < s.length) frag.append('…');
    return frag;
  }
  function render(rec, hit) {
    const s = rec.s[hit.seg];
    const li = document.createElement('li');
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = base + rec.u + (s.a && !s.p ? '#' + s.a : '');
    a.textContent = rec.t;
    h.append(a);
    const m = document.createElement('p');
    m.className = 'meta';
    const where = rec.t === rec.d ? '部门整体' : rec.d;
    m.textContent = rec.y + '年 · ' + rec.r + ' · ' + where + ' · 预算 ' + rec.b + ' 万元';
    const p = document.createElement('p');
    p.className = 'snip';
    const lab = document.createElement(s.p ? 'a' : 'span');
    lab.className = 'lab';
    if (s.p) lab.href = base + s.p;
    lab.textContent = (s.c ? s.c[0] + ' › ' + s.c[1] : s.l) + '：';
    p.append(lab, marked(s.x, hit.words));
    li.append(h, m, p);
    if (s.v) {
      const v = document.createElement('p');
      v.className = 'hitval';
      const strong = document.createElement('strong');
      strong.textContent = s.v;
      v.append('指标值：', strong);
      if (s.m) {
        const mk = document.createElement('span');
        mk.className = 'meta';
        mk.append('（可比指标：', marked(s.m, hit.words), '）');
        v.append(mk);
      }
      li.append(v);
    }
    if (hit.tier === 2) {
      li.className = 'partial';
      const note = document.createElement('p');
      note.className = 'meta';
      note.textContent = '词语分开出现：' + hit.words.map((w) => '“' + w + '”').join('');
      li.append(note);
    }
    return li;
  }

  // Every result of a parsed query in display order, as {rec, hit}: tier-1 candidates, then
  // the records among them holding only the pieces, then tier-2 candidates. Fragments are
  // fetched PER_PAGE at a time, only as the caller pulls.
  async function* results(parsed, rs, cat) {
    // A query naming a place searches that place's records first, then the others.
    if (parsed.places.length) {
      const here = meta.regions.filter((r) => parsed.places.some((p) => fold(r[2]).includes(p)))
        .map((r) => [r[3], r[4]]);
      const inside = [], outside = [];
      for (const [s, e] of rs) {
        let at = s;
        for (const [hs, he] of here.slice().sort((a, b) => a[0] - b[0])) {
          const lo = Math.max(s, hs), hi = Math.min(e, he);
          if (lo >= hi) continue;
          if (lo > at) outside.push([at, lo]);
          inside.push([lo, hi]);
          at = hi;
        }
        if (at < e) outside.push([at, e]);
      }
      yield* ranked(parsed, inside, cat);
      if (outside.length) yield* ranked(parsed, outside, cat);
      return;
    }
    yield* ranked(parsed, rs, cat);
  }
  // Every result in `rs`: tier-1 candidates, then the records among them holding only the
  // pieces, then tier-2 candidates. Fragments are fetched PER_PAGE at a time, only as the
  // caller pulls; within each batch, records holding the whole topic in an indicator row come
  // before records that only mention it.
  async function* ranked(parsed, rs, cat) {
    if (!rs.length) return;
    const all = await Promise.all(parsed.all.map(lookup));
    const cover = await Promise.all(parsed.cover.map(lookup));
    const streams = [];
    if (all.every((t) => t)) streams.push([candidates(all, rs, []), 1]);
    // Tier 2 skips records tier 1 listed; when a term of the whole is missing from the index
    // altogether, tier 1 listed nothing.
    const extra = all.every((t) => t) ? all.filter((t) => !cover.includes(t)) : [];
    if (cover.every((t) => t) && (all.some((t) => !t) || extra.length)) {
      streams.push([candidates(cover, rs, extra), 2]);
    }
    const demoted = [];
    for (const [gen, tier] of streams) {
      if (tier === 2) yield* demoted.splice(0);
      let done = false;
      while (!done) {
        const ids = [];
        while (ids.length < PER_PAGE) {
          const n = await gen.next();
          if (n.done) { done = true; break; }
          ids.push(n.value);
        }
        const batch = [];
        for (const rec of await Promise.all(ids.map(fragment))) {
          const hit = verify(rec, parsed, cat);
          if (!hit) continue;
          if (tier === 1 && hit.tier === 2) demoted.push({ rec, hit });
          else batch.push({ rec, hit });
        }
        batch.sort((a, b) => (b.hit.row ? 1 : 0) - (a.hit.row ? 1 : 0));
        yield* batch;
      }
    }
    yield* demoted;
  }

  let run = 0;
  let state = null;
  // Shows the next PER_PAGE results of the current query.
  async function page() {
    const mine = run;
    more.hidden = true;
    for (let shown = 0; shown < PER_PAGE; shown++) {
      const n = await state.results.next();
      if (mine !== run) return;
      if (n.done) { state.done = true; break; }
      list.append(render(n.value.rec, n.value.hit));
      state.found++;
      if (n.value.hit.tier === 1) state.whole++;
    }
    say();
    more.hidden = state.done;
  }
  function say() {
    const { text: q, found, done, whole } = state;
    if (found === 0 && done) {
      status.textContent = '没有找到与“' + q + '”相符的结果。' + (filtered() ? '可以去掉部分筛选条件再试。' : '可以换一个词，或用更短的词再试。');
      if (filtered()) {
        const a = document.createElement('a');
        a.href = base + 'search/?q=' + encodeURIComponent(q);
        a.textContent = '在全部年度和地区中搜索“' + q + '”';
        a.id = 'unfilter';
        status.append(' ', a);
      }
      return;
    }
    const split = whole === found ? '' : whole ? '，其中 ' + whole + ' 条含完整的“' + q + '”' : '，词语均分开出现';
    status.textContent = (done ? '共找到 ' : '已找到 ') + found + ' 条结果' + split + (done ? '。' : '，可继续显示更多。');
  }
  async function search() {
    run++;
    list.textContent = '';
    more.hidden = true;
    const q = box.value.trim();
    document.title = (q ? '搜索“' + q + '”' : '搜索') + title;
    if (!q) { status.textContent = '请输入要搜索的词，如“电梯”“食品抽检”或一个数字。'; return; }
    const parsed = parse(q);
    if (parsed.all.length === 0) {
      status.textContent = parsed.tooShort ? '请至少输入两个字，如“电梯”。' : '请输入汉字、数字或字母。';
      return;
    }
    status.textContent = '正在搜索…';
    state = { text: q, found: 0, whole: 0, done: false };
    try {
      state.results = results(parsed, await ranges(), { l1: l1.value, l2: l2.value });
      await page();
    } catch (e) {
      status.textContent = '搜索出错：' + e.message;
    }
  }
  function toUrl() {
    const p = new URLSearchParams();
    if (box.value.trim()) p.set('q', box.value.trim());
    for (const [k, el] of [['year', year], ['region', region], ['dept', dept], ['l1', l1], ['l2', l2]]) if (el.value) p.set(k, el.value);
    return base + 'search/' + (p.toString() ? '?' + p : '');
  }
  async function fromUrl() {
    const p = new URLSearchParams(location.search);
    box.value = p.get('q') || '';
    year.value = p.get('year') || '';
    fillRegions();
    region.value = p.get('region') || '';
    await fillDepts();
    dept.value = p.get('dept') || '';
    l1.value = p.get('l1') || '';
    fillL2();
    l2.value = p.get('l2') || '';
    if (filtered()) $('filters').open = true;
    await search();
  }
  async function start() {
    meta = await get('meta.json', 'json');
    // A year may hold several ranges (its departments, then its self-evaluations): once each.
    const years = [...new Set(meta.years.map((y) => y[0]))].sort((a, b) => b - a);
    refill(year, '全部年度', years.map((y) => [String(y), y + '年']));
    refill(l1, '全部一级指标', meta.levels.map((l) => [l[0], l[0]]));
    $('filters').hidden = false;
    year.addEventListener('change', () => { fillRegions(); fillDepts(); });
    region.addEventListener('change', fillDepts);
    l1.addEventListener('change', fillL2);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      history.pushState(null, '', toUrl());
      search();
    });
    more.addEventListener('click', () => { more.hidden = true; page(); });
    window.addEventListener('popstate', fromUrl);
    await fromUrl();
  }
  // For tests and the benchmark: every result of `q` over the whole site, and bytes fetched.
  async function find(q) {
    const out = [];
    for await (const { rec, hit } of results(parse(q), [[0, meta.records]], {})) {
      const s = rec.s[hit.seg];
      out.push({ url: rec.u + (s.a && !s.p ? '#' + s.a : ''), title: rec.t, region: rec.r, year: rec.y, tier: hit.tier, value: s.v || '' });
    }
    return out;
  }
  window.gongkai = {
    terms, find, bytes: () => bytes,
    ready: start().catch((e) => { status.textContent = '搜索无法启动：' + e.message; }),
  };
})();
