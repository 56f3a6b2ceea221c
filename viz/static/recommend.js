/* chainkg front page, 项目落位推荐: sends the project description to /api/v1/recommend and shows
   the ranked chains and parks, each with its score and the plan's quotes (no inline handlers). */
(function () {
  "use strict";
  var section = document.getElementById("recommend");
  var form = document.getElementById("recommend-form");
  if (!section || !form) { return; }
  var site = JSON.parse(document.getElementById("site-data").textContent);
  var api = section.dataset.api;
  var input = document.getElementById("recommend-q");
  var status = document.getElementById("recommend-status");
  var out = document.getElementById("recommend-out");
  var chainList = document.getElementById("recommend-chains");
  var parkList = document.getElementById("recommend-parks");
  var seq = 0;
  var en = window.chainkgLang.english(site);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  /* text in both languages (the page's CSS shows one); either may be a node */
  function both(zh, english) {
    var f = document.createDocumentFragment();
    var a = el("span", "zh"), b = el("span", "en");
    a.appendChild(typeof zh === "string" ? document.createTextNode(zh) : zh);
    b.appendChild(typeof english === "string" ? document.createTextNode(english) : english);
    f.appendChild(a); f.appendChild(b);
    return f;
  }
  function mapLink(type, id, zh, en) {
    var a = el("a");
    var pattern = site.mapOf[type];
    a.href = pattern ? pattern.replace("__ID__", encodeURIComponent(id)) : site.graph + "#" + encodeURIComponent(id);
    a.appendChild(both(zh, en || zh));
    return a;
  }
  /* the section, the plan's quote and the assumption of a reason; in English the Chinese
     is marked (a section, a quote) and names in the assumption are put into English */
  function quote(li, source, evidence, assumption, assumptionEn) {
    var s = el("span", "source"), q = el("span", "quote");
    s.appendChild(both(source, en.mark(source, "section")));
    q.appendChild(both("“" + evidence + "”", en.mark(evidence, "quote")));
    li.appendChild(s);
    li.appendChild(q);
    if (assumption) {
      var a = el("span", "assumption");
      a.appendChild(both(" " + assumption, assumptionEn || en.marked(" " + assumption)));
      li.appendChild(a);
    }
  }

  /* the term a reason matched, in English: a node's English name; a word of the trade (the
     recommender's lexicon, no node) is shown as the person's own word when they typed it */
  function termEn(r, typed) {
    if (r.id) { return document.createTextNode(en.name(r.id, r.term)); }
    if (typed.indexOf(r.term) >= 0) { return en.mark(r.term, "input"); }
    return document.createTextNode("a word of the trade");
  }

  /* A ranked chain or park: its link, its score and an empty list for its reasons. */
  function ranked(type, x) {
    var li = el("li");
    li.dataset.id = x.id;
    li.appendChild(mapLink(type, x.id, x.name, x.name_en));
    li.appendChild(el("span", "score", x.score.toFixed(3)));
    var reasons = el("ul", "reasons");
    li.appendChild(reasons);
    return [li, reasons];
  }

  function chainItem(chain, typed) {
    var made = ranked("Chain", chain), li = made[0], reasons = made[1];
    chain.reasons.forEach(function (r) {
      var item = el("li");
      item.dataset.kind = r.kind;
      r.matched.forEach(function (m) {
        var span = el("span", "matched");  /* the words of the description that matched */
        span.appendChild(both(m, /[^\x00-\x7f]/.test(m) ? en.mark(m, "input") : m));
        item.appendChild(span);
        item.appendChild(document.createTextNode(" "));
      });
      var term = document.createDocumentFragment();
      term.appendChild(document.createTextNode("→ "));
      term.appendChild(termEn(r, typed));
      term.appendChild(document.createTextNode(" "));
      item.appendChild(both("→ " + r.term + " ", term));
      var trade = r.kind === "trade_word"
        ? " (the trade's word, not the plan's: read as this direction of " + chain.name_en + ")"
        : null;
      quote(item, r.source, r.evidence, r.assumption, trade);
      reasons.appendChild(item);
    });
    return li;
  }

  function parkItem(park) {
    var made = ranked("Park", park), li = made[0], reasons = made[1];
    park.reasons.forEach(function (r) {
      var item = el("li");
      item.dataset.chain = r.chain;
      var group = r.via_name || r.via;
      var how = r.stated ? ["方案点名", "named for the chain"]
        : ["经产业集群" + group, "via its group " + en.name(r.via, group)];
      var role = r.role || "";
      item.appendChild(both(r.chain_name + "：" + role + " ",
        en.name(r.chain, r.chain_name) + ": " + (en.word("roles", role) || role) + " "));
      item.appendChild(both("（" + how[0] + "）", "(" + how[1] + ")"));
      quote(item, r.source, r.evidence, r.assumption);
      reasons.appendChild(item);
    });
    if (park.platforms.length) {
      var p = el("li");
      p.appendChild(both("平台：" + park.platforms.map(function (x) { return x.name; }).join("、"),
        "Platforms: " + park.platforms.map(function (x) { return en.name(x.id, x.name); }).join(", ")));
      reasons.appendChild(p);
    }
    return li;
  }

  function show(body) {
    chainList.textContent = "";
    parkList.textContent = "";
    status.textContent = "";
    if (!body.matched) {
      out.hidden = true;
      status.appendChild(both("方案中没有足够匹配的产业链：该项目可能不在30条重点产业链之内。",
                              "No chain of the plan fits well enough: the project may lie outside the 30 key chains."));
    } else {
      out.hidden = false;
      body.chains.forEach(function (c) { chainList.appendChild(chainItem(c, body.q || "")); });
      body.parks.forEach(function (p) { parkList.appendChild(parkItem(p)); });
      if (!body.parks.length) {
        parkList.appendChild(el("li", "hint")).appendChild(both("方案未为这些产业链指定园区。", "The plan places these chains in no park."));
      }
    }
    section.dataset.matched = String(body.matched);
    section.dataset.done = String(++seq);
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) { return; }
    status.textContent = "";
    status.appendChild(both("正在匹配……", "Matching…"));
    fetch(api + "?limit=5&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(show)
      .catch(function (e) {
        status.textContent = "";
        status.appendChild(both("推荐服务暂不可用（" + e.message + "）", "The recommendation is unavailable (" + e.message + ")"));
        section.dataset.done = String(++seq);
      });
  });
  window.chainkgRecommend = { show: show };
})();
