/* chainkg progress page: the language button (charts are drawn on the server, as SVG). */
(function () {
  "use strict";
  var root = document.documentElement;
  document.getElementById("lang-toggle").addEventListener("click", function () {
    var next = root.dataset.lang === "en" ? "zh" : "en";
    root.dataset.lang = next;
    root.lang = next === "en" ? "en" : "zh-CN";
    try { window.localStorage.setItem("chainkg.lang", next); } catch (e) { /* file:// */ }
  });
  window.chainkgProgress = { charts: document.querySelectorAll("svg.chart").length };
})();
