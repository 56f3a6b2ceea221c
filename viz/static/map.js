/* chainkg map page: builds the vis network from the embedded JSON, switches languages,
   stops physics once stable and exposes window.chainkgMap for tests and benchmarks. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var root = document.documentElement;
  var lang = root.dataset.lang === "en" ? "en" : "zh";
  var state = (window.chainkgMap = {
    ready: false, readyAt: null, placed: 0, lang: lang, physics: !!data.physics,
    kind: data.kind, id: data.id, layout: data.layout,
    network: null, nodes: null, edges: null
  });

  /* A tooltip: lines of plain strings and [text, kind] pairs, the Chinese an English tooltip
     quotes (kind quote, section or name: <span lang="zh" class="kind">); text only, never
     markup, so no data can inject any. */
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "tip";
    (lines || []).forEach(function (line) {
      var row = document.createElement("div");
      line.forEach(function (part) {
        if (typeof part === "string") { row.appendChild(document.createTextNode(part)); return; }
        var mark = document.createElement("span");
        mark.lang = "zh";
        mark.className = part[1];
        mark.textContent = part[0];
        row.appendChild(mark);
      });
      box.appendChild(row);
    });
    return box;
  }

  function localized(items, lang, full) {
    return items.map(function (item) {
      var out = full ? Object.assign({}, item) : { id: item.id };
      out.label = item["label_" + lang] || "";
      out.title = tip(item["title_" + lang]);
      return out;
    });
  }

  var nodes = new vis.DataSet(localized(data.nodes, lang, true));
  var edges = new vis.DataSet(localized(data.edges, lang, true));
  var network = new vis.Network(document.getElementById("net"), { nodes: nodes, edges: edges }, data.options);
  state.network = network; state.nodes = nodes; state.edges = edges;

  var info = document.getElementById("info");
  var infoText = document.getElementById("info-text");
  var infoLink = document.getElementById("info-link");
  function showInfo(id) {
    var node = nodes.get(id);
    if (!node || !info) { return; }
    info.hidden = false;
    infoText.textContent = "";
    infoText.appendChild(node.title ? node.title.cloneNode(true) : document.createTextNode(node.label));
    if (node.href) { infoLink.href = node.href; infoLink.hidden = false; } else { infoLink.hidden = true; }
  }
  function countPlaced() {
    var ids = nodes.getIds();
    var pos = network.getPositions(ids);  /* by id: nodes inside a collapsed block count too */
    var placed = 0;
    for (var i = 0; i < ids.length; i++) {
      var p = pos[ids[i]];
      if (p && isFinite(p.x) && isFinite(p.y)) { placed++; }
    }
    return placed;
  }

  function fragment() {
    var raw = (window.location.hash || "").slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; } /* "#%" is not an id */
  }

  function focusFromHash() {
    var id = fragment();
    if (id && nodes.get(id)) {
      var inside = nodes.get(id).block;
      if (inside && state.blocks[inside] === "collapsed") { expand(inside, false); }
      network.selectNodes([id]);
      network.focus(id, { scale: 1.1, animation: false });
      showInfo(id);
    }
  }

  /* Blocks: parts of the map drawn apart (to the right) and collapsed into one node at first,
     e.g. a chain map's responsibility part (plan ← actions ← departments). Opening the node,
     or the toggle beside the map, expands it; the toggle collapses it again. */
  var BLOCK = "block:";
  var blocks = {}, placed = {};
  state.blocks = {};
  data.nodes.forEach(function (n) { if (n.block) { placed[n.id] = { x: n.x, y: n.y }; } });
  (data.blocks || []).forEach(function (b) { blocks[b.id] = b; });

  function toggleOf(id) { return document.querySelector("input[data-block='" + id + "']"); }

  function collapse(id) {
    var b = blocks[id];
    network.cluster({
      joinCondition: function (n) { return n.block === id; },
      clusterNodeProperties: {
        id: BLOCK + id, label: b["label_" + state.lang], shape: "box", x: b.x, y: b.y,
        borderWidth: 2, margin: 12, shapeProperties: { borderDashes: [6, 4] },
        color: { background: "#eceff1", border: "#546e7a",
                 highlight: { background: "#ffffff", border: "#263238" } },
        font: { color: "#263238" }, title: tip([[b["toggle_" + state.lang]]])
      }
    });
    state.blocks[id] = "collapsed";
    var box = toggleOf(id);
    if (box) { box.checked = false; }
  }

  function expand(id, fit) {
    if (state.blocks[id] === "collapsed") {  /* (isCluster logs an error for a gone node) */
      network.openCluster(BLOCK + id, {  /* back where the layout put them, not around it */
        releaseFunction: function (at, inside) {
          var out = {};
          Object.keys(inside).forEach(function (n) { out[n] = { x: placed[n].x, y: placed[n].y }; });
          return out;
        }
      });
    }
    state.blocks[id] = "expanded";
    var box = toggleOf(id);
    if (box) { box.checked = true; }
    if (fit !== false) { network.fit({ animation: false }); }
  }

  Object.keys(blocks).forEach(function (id) {
    collapse(id);
    var box = toggleOf(id);
    if (box) {
      box.addEventListener("change", function () {
        if (box.checked) { expand(id); } else { collapse(id); network.fit({ animation: false }); }
      });
    }
  });
  state.expand = expand;
  state.collapse = collapse;

  /* The whole graph: filters by entity type and group, and a search that focuses a node. */
  var filters = document.getElementById("filters");
  function plain(text) { return String(text || "").replace(/\n/g, state.lang === "zh" ? "" : " "); }

  function applyFilters() {
    var group = document.getElementById("filter-group").value;
    var shown = {};
    filters.querySelectorAll("input[data-type]").forEach(function (box) {
      shown[box.dataset.type] = box.checked;
    });
    var visible = [];
    nodes.update(data.nodes.map(function (n) {
      var keep = shown[n.type] !== false && (!group || (n.groups || []).indexOf(group) >= 0);
      if (keep) { visible.push(n.id); }
      return { id: n.id, hidden: !keep };
    }));
    state.visible = visible.length;
    var count = document.getElementById("filter-count"), zh = document.createElement("span");
    var en = document.createElement("span");
    zh.className = "zh";
    en.className = "en";
    zh.textContent = "显示 " + visible.length + " / " + data.nodes.length + " 个节点";
    en.textContent = visible.length + " of " + data.nodes.length + " nodes shown";
    count.textContent = "";
    count.appendChild(zh);
    count.appendChild(en);
    if (visible.length) { network.fit({ nodes: visible, animation: false }); }
  }

  function find(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) { return []; }
    var hits = [];
    data.nodes.forEach(function (n) {
      var texts = [plain(n.label_zh), plain(n.label_en), n.id];
      var best = 9;
      texts.forEach(function (t) {
        var low = t.toLowerCase(), at = low.indexOf(q);
        if (at >= 0) { best = Math.min(best, low === q ? 0 : (at === 0 ? 1 : 2)); }
      });
      if (best < 9) { hits.push([best, plain(n["label_" + state.lang]).length, n.id]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return hits.slice(0, 8).map(function (h) { return h[2]; });
  }

  function focusNode(id) {
    if (nodes.get(id).hidden) { nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showInfo(id);
    state.focused = id;
  }

  if (filters) {
    var search = document.getElementById("map-search");
    var hitList = document.getElementById("map-search-hits");
    var showHits = function () {
      hitList.textContent = "";
      find(search.value).forEach(function (id) {
        var li = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.dataset.id = id;
        button.textContent = plain(nodes.get(id)["label_" + state.lang]);
        button.addEventListener("click", function () { focusNode(id); });
        li.appendChild(button);
        hitList.appendChild(li);
      });
    };
    search.addEventListener("input", showHits);
    document.getElementById("map-search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = find(search.value)[0];
      if (first) { focusNode(first); }
    });
    document.getElementById("filter-group").addEventListener("change", applyFilters);
    filters.querySelectorAll("input[data-type]").forEach(function (box) {
      box.addEventListener("change", applyFilters);
    });
    window.chainkgLang.onChange(function () { if (search.value) { showHits(); } });
    state.find = find;
    state.focusNode = focusNode;
    state.applyFilters = applyFilters;
  }

  function markReady() {
    if (!data.physics) { network.fit({ animation: false }); }
    network.once("afterDrawing", function () {
      state.placed = countPlaced();
      state.ready = state.placed === nodes.length;
      state.readyAt = performance.now();
      document.body.dataset.ready = state.ready ? "1" : "0";
      focusFromHash();
    });
    network.redraw();
  }

  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  } else {
    markReady();
  }

  network.on("selectNode", function (params) {
    var id = params.nodes[0];
    if (id.indexOf(BLOCK) === 0) {
      /* after vis is done with this click: the node it clicked goes away */
      setTimeout(function () { network.unselectAll(); expand(id.slice(BLOCK.length)); }, 0);
      return;
    }
    showInfo(id);
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && String(params.nodes[0]).indexOf(BLOCK) !== 0) {
      var node = nodes.get(params.nodes[0]);
      if (node && node.href) { window.location.href = node.href; }
    }
  });
  window.addEventListener("hashchange", focusFromHash);

  /* the language button is lang.js: follow it */
  window.chainkgLang.onChange(function (next) {
    if (next === state.lang) { return; }
    state.lang = next;
    nodes.update(localized(data.nodes, next, false));
    edges.update(localized(data.edges, next, false));
    Object.keys(blocks).forEach(function (id) {
      if (state.blocks[id] === "collapsed") {
        network.clustering.updateClusteredNode(BLOCK + id, {
          label: blocks[id]["label_" + next], title: tip([[blocks[id]["toggle_" + next]]])
        });
      }
    });
    var selected = network.getSelectedNodes();
    if (selected.length) { showInfo(selected[0]); }
  });
  state.setLang = window.chainkgLang.set;
  state.tooltip = function (id, lang, edge) {
    var item = (edge ? data.edges : data.nodes).filter(function (x) { return x.id === id; })[0];
    return item ? tip(item["title_" + lang]) : null;
  };
})();
