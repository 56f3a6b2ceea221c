/* chainkg front page: search (the API when served, the embedded index
   otherwise or when the API does not answer), ranked exact, alias, prefix, substring. */
(function () {
  "use strict";
  var site = JSON.parse(document.getElementById("site-data").textContent);
  var RANK = { exact: 0, alias: 1, prefix: 2, substring: 3 };
  var MATCH = { exact: ["完全匹配", "exact"], alias: ["别名", "alias"], prefix: ["前缀", "prefix"], substring: ["包含", "contains"] };

  function normalize(q) { return String(q).trim().split(/\s+/).join(" ").toLowerCase(); }

  function classify(entry, q) {
    var texts = [[entry[2], false], [entry[3], false]];
    entry[4].forEach(function (a) { texts.push([a, true]); });
    var best = null;
    texts.forEach(function (pair) {
      var text = String(pair[0] || ""), low = normalize(text);
      if (!low || low.indexOf(q) < 0) { return; }
      var kind = low === q ? (pair[1] ? "alias" : "exact") : (low.indexOf(q) === 0 ? "prefix" : "substring");
      if (best === null || RANK[kind] < RANK[best.match]) { best = { match: kind, matched: text }; }
    });
    return best;
  }

  function cmp(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function localSearch(q, limit) {
    var nq = normalize(q), hits = [];
    if (!nq) { return hits; }
    site.index.forEach(function (e) {
      var found = classify(e, nq);
      if (found) {
        hits.push({ id: e[0], type: e[1], name: e[2], name_en: e[3], match: found.match, matched: found.matched });
      }
    });
    hits.sort(function (a, b) {
      return (RANK[a.match] - RANK[b.match]) || (a.matched.length - b.matched.length) ||
        cmp(a.name, b.name) || cmp(a.id, b.id);
    });
    return hits.slice(0, limit);
  }

  function hrefOf(hit) {
    var pattern = site.mapOf[hit.type];
    if (pattern) { return pattern.replace("__ID__", encodeURIComponent(hit.id)); }
    return site.graph + "#" + encodeURIComponent(hit.id);
  }

  function span(cls, text) { var s = document.createElement("span"); s.className = cls; s.textContent = text; return s; }
  /* text in both languages (the page's CSS shows one); the English one may be a node */
  function both(zh, en) {
    var f = document.createDocumentFragment();
    f.appendChild(span("zh", zh));
    var b = span("en", typeof en === "string" ? en : "");
    if (typeof en !== "string") { b.appendChild(en); }
    f.appendChild(b);
    return f;
  }

  /* what the person typed, echoed in English text: marked as their input when Chinese */
  function typed(text) {
    return /[^\x00-\x7f]/.test(text) ? window.chainkgLang.mark(text, "input") : document.createTextNode(text);
  }
  function joined() {
    var f = document.createDocumentFragment();
    for (var i = 0; i < arguments.length; i++) {
      var part = arguments[i];
      f.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    }
    return f;
  }

  var list = document.getElementById("hits");
  var status = document.getElementById("search-status");
  var seq = 0;

  function show(q, hits, source) {
    list.textContent = "";
    list.dataset.source = source;
    list.dataset.q = q;
    status.textContent = "";
    status.appendChild(both(hits.length ? "找到 " + hits.length + " 项" : "没有找到 “" + q + "”",
                            hits.length ? hits.length + " found" : joined("Nothing found for “", typed(q), "”")));
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      li.dataset.id = hit.id;
      var a = document.createElement("a");
      a.href = hrefOf(hit);
      a.appendChild(both(hit.name, hit.name_en || hit.name));
      li.appendChild(a);
      var type = site.types[hit.type] || [hit.type, hit.type];
      var typeSpan = span("type", ""); typeSpan.appendChild(both(type[0], type[1]));
      li.appendChild(typeSpan);
      var m = MATCH[hit.match] || [hit.match, hit.match];
      var matchSpan = span("match", "");
      matchSpan.appendChild(both(m[0] + "：" + hit.matched, joined(m[1] + ": ", typed(hit.matched))));
      li.appendChild(matchSpan);
      list.appendChild(li);
    });
    list.dataset.done = String(++seq);
  }

  function run(q) {
    if (!normalize(q)) { list.textContent = ""; status.textContent = ""; list.dataset.source = ""; return; }
    if (!site.searchApi) { show(q, localSearch(q, 20), "local"); return; }
    var url = site.searchApi + "?limit=20&q=" + encodeURIComponent(q);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (body) { if (input.value === q) { show(q, body.hits || [], "api"); } })
      .catch(function () { if (input.value === q) { show(q, localSearch(q, 20), "local"); } });
  }

  var input = document.getElementById("q");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    timer = setTimeout(function () { run(q); }, 120);
  });
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  window.chainkgSearch = { local: localSearch, run: run };
})();
