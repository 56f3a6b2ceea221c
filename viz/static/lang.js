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

  var toggle = document.getElementById("lang-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () { set(current() === "zh" ? "en" : "zh"); });
  }
  window.chainkgLang = {
    get: current,
    set: set,
    apply: apply,
    onChange: function (fn) { listeners.push(fn); }
  };
  apply(current());
})();
