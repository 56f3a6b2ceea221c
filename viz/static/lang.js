/* chainkg pages: the page's language (zh or en). The button switches it and the choice is
   remembered; the CSS shows the .zh or .en half of every bilingual text, and this script
   switches what CSS cannot: attributes and titles named in data-i18n (e.g.
   data-i18n="placeholder" with data-placeholder-zh / data-placeholder-en; "text" sets the
   element's text, as for <title>). Other scripts follow with chainkgLang.onChange. */
(function () {
  "use strict";
  var root = document.documentElement;
  var listeners = [];

  function current() { return root.dataset.lang === "en" ? "en" : "zh"; }

  function apply(lang) {
    root.dataset.lang = lang;
    root.lang = lang === "en" ? "en" : "zh-CN";
    var marked = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < marked.length; i++) {
      var el = marked[i];
      el.dataset.i18n.split(" ").forEach(function (attr) {
        var value = el.getAttribute("data-" + attr + "-" + lang);
        if (value === null) { return; }
        if (attr === "text") { el.textContent = value; } else { el.setAttribute(attr, value); }
      });
    }
    listeners.forEach(function (fn) { fn(lang); });
  }

  function set(lang) {
    try { window.localStorage.setItem("chainkg.lang", lang); } catch (e) { /* file:// */ }
    apply(lang);
  }

  /* Chinese inside English text, as viz/marks.py does it: a run of Chinese that is a node's
     name becomes its English name; a section (二(三), 附件#17) is marked "section", a
     proper name "name", anything else "quote" (<span lang="zh" class="…">). */
  var CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef";
  var NUMERAL = "[一二三四五六七八九十]";
  var RUN = new RegExp(NUMERAL + "+\\(" + NUMERAL + "+\\)|附件#\\d+|[" + CJK + "]+(?:[0-9A-Za-z()#.%+-]+[" + CJK + "]+)*", "g");
  var SECTION = new RegExp("^(?:" + NUMERAL + "+(?:\\(" + NUMERAL + "+\\))?|附件(?:#\\d+)?|标题)$");

  function mark(text, kind) {
    var span = document.createElement("span");
    span.lang = "zh";
    span.className = kind;
    span.textContent = text;
    return span;
  }

  function marked(text, names, proper) {
    var out = document.createDocumentFragment(), pos = 0, m;
    function chinese(run) {
      if (names && Object.prototype.hasOwnProperty.call(names, run)) {
        out.appendChild(document.createTextNode(names[run]));
      } else if (run.indexOf("、") >= 0) { /* a list of the plan's words: each on its own */
        run.split("、").filter(Boolean).forEach(function (part, i) {
          if (i) { out.appendChild(document.createTextNode(", ")); }
          chinese(part);
        });
      } else {
        var kind = SECTION.test(run) ? "section" : ((proper || []).indexOf(run) >= 0 ? "name" : "quote");
        out.appendChild(mark(run, kind));
      }
    }
    text = String(text || "");
    RUN.lastIndex = 0;
    while ((m = RUN.exec(text)) !== null) {
      if (m.index > pos) { out.appendChild(document.createTextNode(text.slice(pos, m.index))); }
      chinese(m[0]);
      pos = m.index + m[0].length;
    }
    if (pos < text.length) { out.appendChild(document.createTextNode(text.slice(pos))); }
    return out;
  }

  /* What the front page's scripts need to write English: names by id and by Chinese name
     (from the page's index), and the plan's words (roles, units, periods) in English. */
  function english(site) {
    var byId = {}, byName = {};
    (site.index || []).forEach(function (e) {
      byId[e[0]] = e[3] || e[2];
      (e[4] || []).forEach(function (alias) { if (!(alias in byName)) { byName[alias] = e[3]; } });
    });
    (site.index || []).forEach(function (e) { byName[e[2]] = e[3]; });
    var words = site.english || {};
    return {
      name: function (id, fallback) { return byId[id] || fallback || id; },
      marked: function (text) { return marked(text, byName, words.proper); },
      word: function (table, value) {
        var t = (words[table] || {});
        return Object.prototype.hasOwnProperty.call(t, value) ? t[value] : null;
      },
      mark: mark
    };
  }

  var toggle = document.getElementById("lang-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () { set(current() === "zh" ? "en" : "zh"); });
  }
  window.chainkgLang = {
    get: current,
    set: set,
    apply: apply,
    onChange: function (fn) { listeners.push(fn); },
    mark: mark,
    marked: marked,
    english: english
  };
  apply(current());
})();
