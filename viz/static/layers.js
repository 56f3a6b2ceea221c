/* chainkg map layers: records drawn over a map (the 挂钩 assignment, the 招商 candidates),
   each switched on and off by its checkbox. They are added to the map's DataSets once the
   map is drawn, placed beside the node they belong to (the first of their anchors on the
   map), kept out of physics, and relabelled when the language changes.
   Exposes window.chainkgLayers for tests. No inline handler, no eval. */
(function () {
  "use strict";
  var source = document.getElementById("map-layers");
  if (!source) { return; }
  var spec = JSON.parse(source.textContent);
  var state = (window.chainkgLayers = { ready: false, shown: {}, drawn: {}, layers: {} });
  var STEP = { below: 150, left: 70, right: 70 };

  function onMap(map, ids) {
    for (var i = 0; i < ids.length; i++) {
      if (map.nodes.get(ids[i])) { return ids[i]; }
    }
    return null;
  }

  function place(map, layer) {
    var nodes = [], edges = [], alias = {}, slots = {};
    layer.nodes.forEach(function (n) {
      if (n.same_as && map.nodes.get(n.same_as)) { alias[n.id] = n.same_as; return; }
      var anchor = onMap(map, n.anchors);
      if (!anchor) { return; }
      var key = anchor + "|" + n.side;
      slots[key] = (slots[key] || []).concat([n]);
      nodes.push({ spec: n, anchor: anchor, key: key });
    });
    var placed = nodes.map(function (item) {
      var n = item.spec, at = map.network.getPositions([item.anchor])[item.anchor];
      var group = slots[item.key], k = group.indexOf(n), x = at.x, y = at.y;
      if (n.side === "below") {
        x += (k - (group.length - 1) / 2) * STEP.below; y += 120;
      } else {
        x += n.side === "left" ? -260 : 260; y += (k - (group.length - 1) / 2) * STEP[n.side];
      }
      return {
        id: n.id, x: x, y: y, physics: false, shape: "box", margin: 6, href: n.href || undefined,
        label_zh: n.label_zh, label_en: n.label_en, title_zh: n.title_zh, title_en: n.title_en,
        color: { background: "#ffffff", border: n.color, highlight: { background: "#fff8e1", border: "#000000" } },
        font: { color: "#263238" }, borderWidth: 2, shapeProperties: { borderDashes: [5, 3] },
        layer: layer.id
      };
    });
    layer.edges.forEach(function (e, i) {
      var from = alias[e.from] || e.from;
      var to = onMap(map, e.to);
      if (!to || !(map.nodes.get(from) || placed.some(function (p) { return p.id === from; }))) { return; }
      edges.push({
        id: "layer:" + layer.id + ":" + i, from: from, to: to, dashes: [6, 4], width: 2,
        color: { color: e.color, highlight: "#000000" }, arrows: { to: { enabled: true, scaleFactor: 0.5 } },
        label_zh: e.label_zh, label_en: e.label_en, title_zh: e.label_zh, title_en: e.label_en,
        layer: layer.id
      });
    });
    return { nodes: placed, edges: edges };
  }

  function localized(items, lang) {
    return items.map(function (item) {
      var out = Object.assign({}, item);
      out.label = item["label_" + lang] || "";
      out.title = item["title_" + lang] || "";
      return out;
    });
  }

  function show(map, id, on) {
    var drawn = state.drawn[id];
    if (on && !state.shown[id]) {
      map.nodes.add(localized(drawn.nodes, map.lang));
      map.edges.add(localized(drawn.edges, map.lang));
    } else if (!on && state.shown[id]) {
      map.edges.remove(drawn.edges.map(function (e) { return e.id; }));
      map.nodes.remove(drawn.nodes.map(function (n) { return n.id; }));
    }
    state.shown[id] = on;
  }

  function start(map) {
    spec.layers.forEach(function (layer) {
      state.layers[layer.id] = layer;
      state.drawn[layer.id] = place(map, layer);
      var box = document.querySelector("input[data-layer='" + layer.id + "']");
      show(map, layer.id, !box || box.checked);
      if (box) {
        box.addEventListener("change", function () { show(map, layer.id, box.checked); });
      }
    });
    var toggle = document.getElementById("lang-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        Object.keys(state.drawn).forEach(function (id) {
          if (!state.shown[id]) { return; }
          map.nodes.update(localized(state.drawn[id].nodes, map.lang));
          map.edges.update(localized(state.drawn[id].edges, map.lang));
        });
      });
    }
    state.ready = true;
  }

  (function wait() {
    var map = window.chainkgMap;
    if (map && map.network && map.readyAt !== null) { start(map); return; }
    window.setTimeout(wait, 50);
  })();
})();
