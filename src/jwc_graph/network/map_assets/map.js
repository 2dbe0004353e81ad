/* jwc-graph network map: search, filters, focus, side panel. Text from the data is only ever set with
   textContent (never as markup), so labels and descriptions from submissions cannot run as code. */
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var D = JSON.parse(document.getElementById("map-data").textContent);
  marks.parsed = performance.now();
  var cfg = D.config;
  var $ = function (id) { return document.getElementById(id); };
  var web = location.protocol === "http:" || location.protocol === "https:";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // ---- data: index, adjacency, tooltips as elements -------------------------------------------
  // Sources travel once, as a list of titles; nodes, facts and edges point into it by index.
  var titlesOf = function (idx) { return (idx || []).map(function (i) { return cfg.sources[i]; }); };
  var byId = new Map(), edgeById = new Map(), adj = new Map();
  D.nodes.forEach(function (n) {
    byId.set(n.id, n); adj.set(n.id, []); n.baseLabel = n.label; n.kind = n.group;
    n.search = [n.label].concat(n.names || []).map(function (s) { return String(s).toLowerCase(); });
    n.sources = titlesOf(n.src);
    n.page = n.id.indexOf(cfg.idBase) === 0 ? "/id/" + n.id.slice(cfg.idBase.length) : null;
    n.title = [n.label, n.kind + (n.year ? ", " + n.year : "")]
      .concat((n.names || []).length ? ["also: " + n.names.join("; ")] : []).join("\n");
  });
  /** Why a link exists, as a sentence: "X is a member of Y (founding member) — source: ...". */
  function because(e) {
    var extra = (e.roles || []).slice();
    if (e.start && e.end) extra.push(e.start + "–" + e.end);
    else if (e.start) extra.push("since " + e.start);
    else if (e.end) extra.push("until " + e.end);
    var s = titlesOf(e.src);
    return byId.get(e.from).baseLabel + " " + e.phrase + " " + byId.get(e.to).baseLabel +
      (extra.length ? " (" + extra.join(", ") + ")" : "") + (s.length ? " — source: " + s.join("; ") : "");
  }
  D.edges.forEach(function (e) {
    edgeById.set(e.id, e); e.because = e.title = because(e);
    adj.get(e.from).push([e.to, e.id]); adj.get(e.to).push([e.from, e.id]);
  });
  // Tooltips (node and edge `title`) stay plain strings: vis-network 9 shows a string title with
  // innerText, which never parses markup, and building 40,000 DOM elements up front would slow large maps.

  // vis-network copies every field of a node or edge into its options (deeply), so it gets only what it
  // draws; facts, names and sources stay in D for the panel and search (this halves drawing a 10k map).
  function visFields(item, keys) {
    var out = {};
    keys.forEach(function (k) { if (item[k] !== undefined && item[k] !== null) out[k] = item[k]; });
    return out;
  }
  var nodes = new vis.DataSet(D.nodes.map(function (n) { return visFields(n, ["id", "label", "group", "value", "title", "x", "y"]); }));
  var edges = new vis.DataSet(D.edges.map(function (e) { return visFields(e, ["id", "from", "to", "title"]); }));
  marks.datasets = performance.now();
  var container = $("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  marks.network = performance.now();
  var api = window.jwcMap = { network: network, nodes: nodes, edges: edges, config: cfg, drawn: false, marks: marks };

  if (cfg.physics) {
    var stable = false;
    network.once("stabilizationIterationsDone", function () { stable = true; network.setOptions({ physics: false }); });
    network.on("afterDrawing", function () { if (stable && !api.drawn) { api.drawn = true; api.drawnAt = performance.now(); } });
  } else {
    network.once("afterDrawing", function () { api.drawn = true; api.drawnAt = performance.now(); });
  }

  // ---- filter state ------------------------------------------------------------------------------
  var state = { hiddenKinds: new Set(), theme: "", from: null, to: null, focus: null, depth: 1,
                collapse: cfg.collapse ? true : false, collapseN: cfg.collapse || 20 };
  if (cfg.focus) { state.focus = cfg.focus; state.depth = cfg.depth || 1; }
  api.state = state;

  function edgePasses(e) {
    if (e.kind !== "member") return true;
    if (state.from !== null && e.end !== null && e.end !== undefined && e.end < state.from) return false;
    if (state.to !== null && e.start !== null && e.start !== undefined && e.start > state.to) return false;
    return true;
  }
  function nodePasses(n, themeSet) {
    if (state.hiddenKinds.has(n.kind)) return false;
    if (n.kind === "event" && n.year !== null && n.year !== undefined) {
      if (state.from !== null && n.year < state.from) return false;
      if (state.to !== null && n.year > state.to) return false;
    }
    return !themeSet || themeSet.has(n.id);
  }

  /** The ids to show under the current filters, focus and hub collapsing, and the labels to show them with. */
  function compute() {
    var themeSet = null;
    if (state.theme && byId.has(state.theme)) {
      themeSet = new Set([state.theme]);
      adj.get(state.theme).forEach(function (p) { themeSet.add(p[0]); });
    }
    var shown = new Set();
    D.nodes.forEach(function (n) { if (nodePasses(n, themeSet)) shown.add(n.id); });
    var linkOk = function (a, b, eid) { return shown.has(a) && shown.has(b) && edgePasses(edgeById.get(eid)); };
    if (state.focus && byId.has(state.focus)) {
      var reached = new Set([state.focus]), frontier = [state.focus];
      for (var step = 0; step < state.depth; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adj.get(id).forEach(function (p) {
            if (!reached.has(p[0]) && linkOk(id, p[0], p[1])) { reached.add(p[0]); next.push(p[0]); }
          });
        });
        frontier = next;
      }
      shown = reached;
    }
    var labels = new Map();
    if (state.collapse) {
      var memo = new Map();
      var degree = function (id) {
        if (memo.has(id)) return memo.get(id);
        var s = new Set();
        adj.get(id).forEach(function (p) { if (linkOk(id, p[0], p[1])) s.add(p[0]); });
        memo.set(id, s);
        return s;
      };
      var hide = [];
      shown.forEach(function (id) {
        var nb = degree(id);
        if (nb.size <= state.collapseN) return;
        var leaves = 0;
        nb.forEach(function (m) { if (m !== state.focus && degree(m).size === 1) { hide.push(m); leaves++; } });
        if (leaves) labels.set(id, byId.get(id).baseLabel + " (+" + leaves + ")");
      });
      hide.forEach(function (id) { shown.delete(id); });
    }
    return { shown: shown, labels: labels };
  }

  function apply() {
    var r = compute(), nodeChanges = [], edgeChanges = [];
    D.nodes.forEach(function (n) {
      var hidden = !r.shown.has(n.id), label = r.labels.get(n.id) || n.baseLabel;
      if (hidden !== !!n.hidden || label !== n.label) { n.hidden = hidden; n.label = label; nodeChanges.push({ id: n.id, hidden: hidden, label: label }); }
    });
    D.edges.forEach(function (e) {
      var hidden = !(r.shown.has(e.from) && r.shown.has(e.to) && edgePasses(e));
      if (hidden !== !!e.hidden) { e.hidden = hidden; edgeChanges.push({ id: e.id, hidden: hidden }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    $("counts").textContent = r.shown.size + " of " + D.nodes.length + " entities shown";
    var f = state.focus && byId.get(state.focus);
    $("focus-label").textContent = f ? f.baseLabel + ": " + state.depth + (state.depth === 1 ? " degree" : " degrees")
                                     : "none: select an entity, then “Focus”";
    return r.shown;
  }
  api.apply = apply;
  api.visibleIds = function () { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); };

  // ---- legend and kind filter --------------------------------------------------------------------
  cfg.kinds.forEach(function (k) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.id = "kind-" + k.kind;
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenKinds.delete(k.kind); else state.hiddenKinds.add(k.kind);
      apply();
    });
    var sw = el("span", null, "swatch " + k.shape); sw.style.background = k.colour;
    label.appendChild(box); label.appendChild(sw); label.appendChild(el("span", k.kind)); label.appendChild(el("span", k.count, "count"));
    li.appendChild(label); $("legend").appendChild(li);
  });

  // ---- theme / priority filter --------------------------------------------------------------------
  D.nodes.filter(function (n) { return n.kind === "theme" || n.kind === "priority"; })
    .sort(function (a, b) { return a.baseLabel.localeCompare(b.baseLabel); })
    .forEach(function (n) { var o = el("option", n.baseLabel + " (" + n.kind + ")"); o.value = n.id; $("theme").appendChild(o); });
  $("theme").addEventListener("change", function () { state.theme = this.value; apply(); });

  // ---- years ---------------------------------------------------------------------------------------
  function year(input) { var v = parseInt(input.value, 10); return isNaN(v) ? null : v; }
  if (cfg.since) $("year-from").value = cfg.since;
  if (cfg.until) $("year-to").value = cfg.until;
  ["year-from", "year-to"].forEach(function (id) {
    $(id).addEventListener("change", function () { state.from = year($("year-from")); state.to = year($("year-to")); apply(); });
  });

  // ---- size by -------------------------------------------------------------------------------------
  cfg.metrics.forEach(function (m) { var o = el("option", m); o.value = m; o.selected = m === cfg.sizeBy; $("size-by").appendChild(o); });
  $("size-by").addEventListener("change", function () {
    var m = this.value;
    nodes.update(D.nodes.map(function (n) { return { id: n.id, value: n.m[m] || 0 }; }));
  });

  // ---- focus ---------------------------------------------------------------------------------------
  function focusOn(id, depth) { state.focus = id; state.depth = depth || 1; apply(); network.fit({ animation: false }); }
  api.focusOn = focusOn;
  $("focus-plus").addEventListener("click", function () { if (state.focus) { state.depth += 1; apply(); network.fit({ animation: false }); } });
  $("focus-minus").addEventListener("click", function () { if (state.focus && state.depth > 1) { state.depth -= 1; apply(); network.fit({ animation: false }); } });
  $("focus-reset").addEventListener("click", function () { state.focus = null; state.depth = 1; apply(); network.fit({ animation: false }); });

  // ---- hubs ----------------------------------------------------------------------------------------
  $("collapse").checked = state.collapse;
  $("collapse-n").value = state.collapseN;
  $("collapse").addEventListener("change", function () { state.collapse = this.checked; apply(); });
  $("collapse-n").addEventListener("change", function () { state.collapseN = parseInt(this.value, 10) || 20; apply(); });

  // ---- side panel ----------------------------------------------------------------------------------
  function showPanel(id) {
    var n = byId.get(id), panel = $("panel");
    panel.textContent = "";
    if (!n) { panel.appendChild(el("p", "Select an entity to see its facts and their sources.", "hint")); return; }
    panel.appendChild(el("h2", n.baseLabel));
    panel.appendChild(el("p", n.kind + ((n.types || []).length ? " (" + n.types.join(", ") + ")" : ""), "kind"));
    var other = (n.names || []).filter(function (x) { return x !== n.baseLabel; });
    if (other.length) panel.appendChild(el("p", "Also known as: " + other.join("; ")));
    var actions = el("p"), fb = el("button", "Focus here");
    fb.type = "button"; fb.id = "panel-focus";
    fb.addEventListener("click", function () { focusOn(n.id, 1); });
    actions.appendChild(fb);
    if (web && n.page) { var a = el("a", "Entity page"); a.href = n.page; actions.appendChild(document.createTextNode(" ")); actions.appendChild(a); }
    panel.appendChild(actions);
    panel.appendChild(el("h3", "Facts"));
    var dl = el("dl");
    (n.facts || []).forEach(function (f) {
      dl.appendChild(el("dt", f[0]));
      var dd = el("dd", f[1]);
      dd.appendChild(el("div", (f[2].length > 1 ? "sources: " : "source: ") + titlesOf(f[2]).join("; "), "source"));
      dl.appendChild(dd);
    });
    panel.appendChild(dl);
    var links = adj.get(id);
    if (links.length) {
      panel.appendChild(el("h3", "Links (" + links.length + ")"));
      var ul = el("ul");
      links.slice(0, 100).forEach(function (p) { ul.appendChild(el("li", edgeById.get(p[1]).because)); });
      if (links.length > 100) ul.appendChild(el("li", "… and " + (links.length - 100) + " more"));
      panel.appendChild(ul);
    }
    if ((n.sources || []).length) {
      panel.appendChild(el("h3", "Sources"));
      var su = el("ul");
      n.sources.forEach(function (s) { su.appendChild(el("li", s)); });
      panel.appendChild(su);
    }
  }
  api.showPanel = showPanel;

  function selectEntity(id) {
    if (!byId.has(id)) return;
    if (byId.get(id).hidden) {  // hidden by a filter: clear the filters rather than point at nothing
      state.hiddenKinds.clear(); state.theme = ""; state.from = state.to = null; state.focus = null;
      document.querySelectorAll("#legend input").forEach(function (b) { b.checked = true; });
      $("theme").value = ""; $("year-from").value = ""; $("year-to").value = "";
      apply();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showPanel(id);
  }
  api.selectEntity = selectEntity;
  network.on("selectNode", function (p) { if (p.nodes.length) showPanel(p.nodes[0]); });
  network.on("deselectNode", function () { showPanel(null); });
  network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0], 1); });

  // ---- search --------------------------------------------------------------------------------------
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var exact = [], starts = [], within = [];
    D.nodes.forEach(function (n) {
      if (n.search.indexOf(q) >= 0) exact.push(n);
      else if (n.search.some(function (s) { return s.indexOf(q) === 0; })) starts.push(n);
      else if (n.search.some(function (s) { return s.indexOf(q) >= 0; })) within.push(n);
    });
    return exact.concat(starts, within).slice(0, 12);
  }
  api.matches = function (q) { return matches(q).map(function (n) { return n.id; }); };
  var results = $("results"), found = [];
  function showResults() {
    found = matches($("search").value);
    results.textContent = "";
    found.forEach(function (n, i) {
      var li = el("li", n.baseLabel); li.setAttribute("role", "option");
      if (i === 0) li.className = "active";
      li.appendChild(el("span", n.kind, "kind"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    results.hidden = found.length === 0;
  }
  function pick(id) { results.hidden = true; selectEntity(id); }
  $("search").addEventListener("input", showResults);
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { showResults(); if (found.length) pick(found[0].id); }
    if (ev.key === "Escape") results.hidden = true;
  });
  $("search").addEventListener("blur", function () { results.hidden = true; });

  $("command").textContent = cfg.command;
  apply();
  if (cfg.focus) { network.selectNodes([cfg.focus]); showPanel(cfg.focus); }
})();
