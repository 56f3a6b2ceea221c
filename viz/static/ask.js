/* chainkg front page: the ask box. Served, it asks /api/v1/ask and shows the answer, the
   evidence (section and quote) and a link to the map. In the static export (no server) it says
   the answer needs the server and lists the entries of the page's index the question names. */
(function () {
  "use strict";
  var site = JSON.parse(document.getElementById("site-data").textContent);
  var root = document.documentElement;
  var form = document.getElementById("ask-form");
  var input = document.getElementById("ask-q");
  var box = document.getElementById("ask-answer");
  var textEl = document.getElementById("ask-text");
  var results = document.getElementById("ask-results");
  var mapLine = document.getElementById("ask-map-line");
  var mapLink = document.getElementById("ask-map");
  var evidenceBox = document.getElementById("ask-evidence-box");
  var evidence = document.getElementById("ask-evidence");
  var suggestBox = document.getElementById("ask-suggestions-box");
  var suggestions = document.getElementById("ask-suggestions");
  var seq = 0;
  var en = window.chainkgLang.english(site);

  function lang() { return root.dataset.lang === "en" ? "en" : "zh"; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function mapOf(type, id) {
    var pattern = site.mapOf[type];
    return pattern ? pattern.replace("__ID__", encodeURIComponent(id)) : null;
  }
  function clear() {
    textEl.textContent = "";
    results.textContent = ""; evidence.textContent = ""; suggestions.textContent = "";
    mapLine.hidden = true; evidenceBox.hidden = true; suggestBox.hidden = true;
  }
  function done(state) {
    box.hidden = false;
    box.dataset.state = state;
    box.dataset.done = String(++seq);
  }

  /* a figure in the answer's language: the plan's units and periods in English too */
  function figure(r, english) {
    if (r.value === null || r.value === undefined) { return ""; }
    if (!english) { return " " + r.value + (r.unit || "") + (r.period ? " (" + r.period + ")" : ""); }
    var unit = en.word("units", r.unit || ""), period = en.word("periods", r.period || "");
    unit = unit === null ? (r.unit || "") : unit;
    return " " + r.value + (unit ? " " + unit : "") +
      (r.period ? " (" + (period === null ? r.period : period) + ")" : "");
  }

  /* text of the answer: in English, Chinese names put into English and quotes marked */
  function words(cls, text, english) {
    var span = el("span", cls);
    span.appendChild(english ? en.marked(text) : document.createTextNode(text));
    return span;
  }

  function show(answer) {
    clear();
    box.dataset.answered = String(answer.answered);
    box.dataset.intent = answer.intent;
    var english = answer.lang === "en";
    textEl.appendChild(english ? en.marked(answer.text) : document.createTextNode(answer.text));
    (answer.results || []).forEach(function (r) {
      var li = el("li");
      li.dataset.id = r.id;
      var href = mapOf(r.type, r.id);
      var name = english ? (r.name_en || r.name) : r.name;
      var label = href ? el("a", "", name) : el("span", "", name);
      if (href) { label.href = href; }
      li.appendChild(label);
      var role = r.role ? (english ? (en.word("roles", r.role) || r.role) : r.role) : "";
      var extra = (role ? " · " + role : "") + figure(r, english);
      if (extra) { li.appendChild(words("ask-extra", extra, english)); }
      if (r.via) {
        li.appendChild(el("span", "ask-via", english
          ? " (derived via " + en.name(r.via) + ")" : "（经 " + r.via + " 推得）"));
      }
      results.appendChild(li);
    });
    if (answer.map) { mapLink.href = answer.map; mapLine.hidden = false; }
    (answer.evidence || []).forEach(function (ev) {
      var li = el("li");
      var source = el("span", "ask-source"), quote = el("q", "ask-quote");
      if (english) {
        source.appendChild(en.mark(ev.source, "section"));
        quote.appendChild(en.mark(ev.quote, "quote"));
      } else {
        source.textContent = ev.source;
        quote.textContent = ev.quote;
      }
      li.appendChild(source);
      li.appendChild(quote);
      if (ev.assumption) { li.appendChild(words("ask-assumption", ev.assumption, english)); }
      evidence.appendChild(li);
    });
    evidenceBox.hidden = !(answer.evidence || []).length;
    showSuggestions(answer.suggestions || []);
    done(answer.answered ? "answered" : "refused");
  }

  function showSuggestions(list) {
    list.forEach(function (s) {
      var li = el("li");
      var b = el("button", "ask-suggestion", s);
      b.type = "button";
      b.addEventListener("click", function () { input.value = s; ask(s); });
      li.appendChild(b);
      suggestions.appendChild(li);
    });
    suggestBox.hidden = !list.length;
  }

  function normalize(q) { return String(q).trim().toLowerCase(); }

  /* Offline: the entries of the page's index whose name, English name or alias the question
     contains (longest first), as links to their maps. */
  function named(q) {
    var nq = normalize(q), found = [];
    site.index.forEach(function (e) {
      var best = "";
      [e[2], e[3]].concat(e[4]).forEach(function (n) {
        var low = normalize(n || "");
        if (low.length >= 2 && nq.indexOf(low) >= 0 && low.length > best.length) { best = low; }
      });
      if (best) { found.push({ id: e[0], type: e[1], name: e[2], name_en: e[3], len: best.length }); }
    });
    found.sort(function (a, b) { return b.len - a.len || (a.id < b.id ? -1 : 1); });
    return found.slice(0, 6);
  }

  function offline(q) {
    clear();
    box.dataset.answered = "false";
    box.dataset.intent = "";
    textEl.textContent = lang() === "en"
      ? "Answering questions needs the server (chainkg serve); this offline copy can only point to the entries your question names:"
      : "问答需要连接服务器（chainkg serve）；离线版只能列出问题中提到的条目：";
    named(q).forEach(function (hit) {
      var li = el("li");
      li.dataset.id = hit.id;
      var href = mapOf(hit.type, hit.id);
      var a = el(href ? "a" : "span", "", lang() === "en" ? hit.name_en : hit.name);
      if (href) { a.href = href; }
      li.appendChild(a);
      results.appendChild(li);
    });
    done("offline");
  }

  function ask(q) {
    if (!normalize(q)) { return; }
    if (!site.askApi) { offline(q); return; }
    var url = site.askApi + "?lang=" + lang() + "&q=" + encodeURIComponent(q);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (body) { if (input.value === q) { show(body); } })
      .catch(function () { if (input.value === q) { offline(q); } });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); ask(input.value); });
  window.chainkgAsk = { ask: ask, named: named };
})();
