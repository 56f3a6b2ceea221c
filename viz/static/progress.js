/* chainkg progress page: the charts are drawn on the server (SVG); this only counts them for
   the tests (the language button is lang.js). */
(function () {
  "use strict";
  window.chainkgProgress = { charts: document.querySelectorAll("svg.chart").length };
})();
