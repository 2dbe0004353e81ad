/* jwc-graph map, part 6 of 6: the page. Draws the network with vis-network, keeps the view (search, focus,
   kinds, theme, years, size, colour) in one state that the controls change, the address and the command
   line follow, and the address restores. Text from the data is only ever set with textContent (never as
   markup), so labels and descriptions from submissions cannot run as code. */
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var D = JSON.parse(document.getElementById("map-data").textContent);
  marks.parsed = performance.now();
  var cfg = D.config, el = JWC.el;
  var $ = function (id) { return document.getElementById(id); };
  var web = location.protocol === "http:" || location.protocol === "https:";
  var titlesOf = function (idx) { return (idx || []).map(function (i) { return cfg.sources[i]; }); };
  var kindStyle = {};
  cfg.kinds.forEach(function (k) { kindStyle[k.kind] = k; });

  // ---- data: names, tooltips, the shared index ---------------------------------------------------------
  D.nodes.forEach(function (n) {
    n.baseLabel = n.label; n.kind = n.group;
    n.search = [n.label].concat(n.names || []).map(function (s) { return String(s).toLowerCase(); });
    n.page = n.id.indexOf(cfg.idBase) === 0 ? "/id/" + n.id.slice(cfg.idBase.length) : null;
    n.title = [n.label, n.kind + (n.year ? ", " + n.year : "")]
      .concat((n.names || []).length ? ["also: " + n.names.join("; ")] : []).join("\n");
  });
  var ix = JWC.index(D);
  /** Why a link exists, as a sentence: "X is a member of Y (founding member) — source: ...". */
  function because(e) {
    var detail = (e.roles || []).slice();
    if (e.start && e.end) detail.push(e.start + "–" + e.end);
    else if (e.start) detail.push("since " + e.start);
    else if (e.end) detail.push("until " + e.end);
    var s = titlesOf(e.src);
    return ix.byId.get(e.from).baseLabel + " " + e.phrase + " " + ix.byId.get(e.to).baseLabel +
      (detail.length ? " (" + detail.join(", ") + ")" : "") + (s.length ? " — source: " + s.join("; ") : "");
  }
  D.edges.forEach(function (e) { e.because = e.title = because(e); });
  // Tooltips (node and edge `title`) stay plain strings: vis-network 9 shows a string title with
  // innerText, which never parses markup, and building 40,000 DOM elements up front would slow large maps.

  var state = null;  // set below, from the address or the page's own view
  var metricAt = function (m) { return Math.max(0, cfg.metrics.indexOf(m)); };
  var sizeOf = function (n) { return n.s[metricAt(state.sizeBy)]; };
  var reach = function (id) { var n = ix.byId.get(id); return sizeOf(n) * (cfg.shapeReach[kindStyle[n.kind].shape] || 1); };
  var communityOf = function (n) { return n.c ? cfg.communities[n.c - 1] : null; };

  // ---- the state: from the address when it names a view, else the view the page was made with -------------
  var asked = JWC.viewFromParams(ix, location.search);
  state = JWC.stateFrom(cfg, asked || cfg.view);
  var madeWith = JWC.toParams(JWC.fields(ix, cfg, JWC.stateFrom(cfg, cfg.view)));

  // vis-network copies every field of a node or edge into its options (deeply), so it gets only what it
  // draws; facts, names and sources stay in D for the panel and search (this halves drawing a 10k map).
  function visFields(item, keys) {
    var out = {};
    keys.forEach(function (k) { if (item[k] !== undefined && item[k] !== null) out[k] = item[k]; });
    return out;
  }
  D.nodes.forEach(function (n) { n.size = sizeOf(n); });
  var nodes = new vis.DataSet(D.nodes.map(function (n) { return visFields(n, ["id", "group", "size", "title", "x", "y"]); }));
  var edges = new vis.DataSet(D.edges.map(function (e) { return visFields(e, ["id", "from", "to", "title"]); }));
  marks.datasets = performance.now();
  var container = $("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  marks.network = performance.now();
  var current = { shown: new Set(), edges: new Set(), labels: new Map() };
  var rankCache = null;
  /** An acronym among the entity's other names: the one spelling the name's initials, else the shortest. */
  var acronym = function (id) {
    var n = ix.byId.get(id), initials = String(n.label).split(/\s+/).filter(function (w) { return /^[A-Z]/.test(w); })
      .map(function (w) { return w[0]; }).join("");
    var names = (n.names || []).filter(function (s) { return /^[A-Z][A-Za-z0-9&.\-]{1,9}$/.test(s); });
    return names.filter(function (s) { return s === initials; })[0] ||
      names.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); })[0] || null;
  };
  var labels = JWC.labels(network, {
    text: function (id) { return ix.byId.get(id).label; },
    short: acronym,
    shown: function () { return current.shown; },
    reach: reach,
    strong: function (id) { return id === state.select || id === state.focus || id === state.theme; },
    rank: function () {
      if (!rankCache) {
        var m = metricAt(state.sizeBy);
        rankCache = D.nodes.slice().sort(function (a, b) {
          return (b.s[m] - a.s[m]) || (b.m.degree - a.m.degree) || (a.baseLabel < b.baseLabel ? -1 : a.baseLabel > b.baseLabel ? 1 : 0);
        }).map(function (n) { return n.id; });
      }
      var first = [state.select, state.focus, state.theme].filter(Boolean);
      return first.length ? first.concat(rankCache) : rankCache;
    }
  });
  var api = window.jwcMap = { network: network, nodes: nodes, edges: edges, config: cfg, drawn: false, marks: marks, state: state };
  api.frames = 0;
  network.on("afterDrawing", function () {
    if (!api.drawn) { api.drawn = true; api.drawnAt = performance.now(); }
    api.frames++;
  });

  /** Fit the view to `ids`, leaving out the part of the map the side panel covers. */
  function fitTo(ids) {
    var p = $("panel");
    JWC.fit(network, ids, reach, p.hidden ? 0 : p.offsetWidth);
  }

  // ---- applying the state -----------------------------------------------------------------------------------
  var panel = JWC.panel($("panel"), {
    ix: ix, cfg: cfg, web: web,
    isShown: function (id) { return current.shown.has(id); },
    select: function (id) { selectEntity(id, { fit: false }); },
    focus: function (id) { focusOn(id, 1); },
    close: function () { unselect(); },
    community: function (id) { var c = communityOf(ix.byId.get(id)); return c && cfg.communities.length > 1 ? c : null; }
  });

  function writeAddress() {
    var f = JWC.fields(ix, cfg, state), query = JWC.toParams(f);
    if (!query && madeWith) query = "focus=";  // the default view, where the page was made with another
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      try { history.replaceState(null, "", url); } catch (err) { /* a page shown from srcdoc has no address to write */ }
    }
    $("command").textContent = JWC.command(f);
  }

  /** Show what the state asks for; `fit`: fit the view to it. */
  function apply(fit) {
    var r = current = JWC.shown(ix, state), nodeChanges = [], edgeChanges = [];
    D.nodes.forEach(function (n) {
      var hidden = !r.shown.has(n.id), label = r.labels.get(n.id) || n.baseLabel;
      if (label !== n.label) n.label = label;
      if (hidden !== !!n.hidden) { n.hidden = hidden; nodeChanges.push({ id: n.id, hidden: hidden }); }
    });
    D.edges.forEach(function (e) {
      var hidden = !r.edges.has(e.id);
      if (hidden !== !!e.hidden) { e.hidden = hidden; edgeChanges.push({ id: e.id, hidden: hidden }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    $("counts").textContent = r.shown.size + " of " + D.nodes.length + " entities shown";
    var f = state.focus && ix.byId.get(state.focus);
    $("focus-label").textContent = f ? f.baseLabel + ": " + state.depth + (state.depth === 1 ? " degree" : " degrees")
                                     : "none: select an entity, then “Focus here”";
    if (state.select && !r.shown.has(state.select)) unselect(true);  // a hidden entity's panel is closed
    else if (state.select) panel.show(state.select);
    labels.invalidate();
    timeControls();
    if (fit) fitTo(r.shown);
    writeAddress();
    network.redraw();
    return r.shown;
  }
  api.apply = function () { return apply(true); };
  api.visibleIds = function () { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); };
  api.labels = labels.drawn;
  api.labelFont = labels.font;
  api.reach = reach;
  api.fit = function () { fitTo(current.shown); };
  api.command = function () { return $("command").textContent; };
  api.nameOf = function (id) { return ix.byId.get(id).label; };

  // ---- legend: kinds (and communities when colouring by them) ---------------------------------------------
  cfg.kinds.forEach(function (k) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = !state.hiddenKinds.has(k.kind); box.id = "kind-" + k.kind;
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenKinds.delete(k.kind); else state.hiddenKinds.add(k.kind);
      apply(true);
    });
    var sw = el("span", null, "swatch " + k.shape); sw.style.background = k.colour; sw.dataset.kind = k.kind;
    label.appendChild(box); label.appendChild(sw); label.appendChild(el("span", k.kind)); label.appendChild(el("span", k.count, "count"));
    li.appendChild(label); $("legend").appendChild(li);
  });
  cfg.communities.forEach(function (c, i) {
    var li = el("li"), sw = el("span", null, "swatch");
    sw.style.background = c.colour;
    li.appendChild(sw); li.appendChild(el("span", c.name)); li.appendChild(el("span", c.size, "count"));
    li.dataset.community = String(i + 1);
    $("community-legend").appendChild(li);
  });

  function colourNodes(first) {
    var byCommunity = state.colourBy === "community";
    if (first && !byCommunity) return;  // the kinds' colours come with their groups
    nodes.update(D.nodes.map(function (n) {
      var c = byCommunity ? (communityOf(n) || { colour: "#adb5bd" }).colour : kindStyle[n.kind].colour;
      return { id: n.id, color: { background: c, border: c, highlight: { background: c, border: "#111" }, hover: { background: c, border: "#111" } } };
    }));
    document.querySelectorAll("#legend .swatch").forEach(function (sw) {
      sw.style.background = byCommunity ? "#868e96" : kindStyle[sw.dataset.kind].colour;
    });
    $("communities").hidden = !byCommunity;
  }
  if (cfg.communities.length) {
    ["kind", "community"].forEach(function (m) { var o = el("option", m); o.value = m; o.selected = m === state.colourBy; $("colour-by").appendChild(o); });
    $("colour-by").addEventListener("change", function () { state.colourBy = this.value; colourNodes(false); writeAddress(); });
  } else {
    $("colour-by").closest("label").hidden = true;
  }

  // ---- theme or priority -----------------------------------------------------------------------------------
  D.nodes.filter(function (n) { return n.kind === "theme" || n.kind === "priority"; })
    .sort(function (a, b) { return a.baseLabel.localeCompare(b.baseLabel); })
    .forEach(function (n) { var o = el("option", n.baseLabel + " (" + n.kind + ")"); o.value = n.id; $("theme").appendChild(o); });
  $("theme").value = state.theme || "";
  $("theme").addEventListener("change", function () { state.theme = this.value; apply(true); });

  // ---- time: a year slider with play, a range, and the undated toggle ---------------------------------------
  var years = cfg.years, playing = null;
  function has(v) { return v !== null && v !== undefined; }
  function timeControls() {
    if (!years) return;
    var one = has(state.from) && state.from === state.to;
    $("year").value = one ? state.from : (has(state.from) ? state.from : years[1]);
    $("year-shown").textContent = one ? String(state.from)
      : has(state.from) || has(state.to) ? (has(state.from) ? state.from : "…") + "–" + (has(state.to) ? state.to : "…") : "all years";
    $("year-from").value = has(state.from) ? state.from : "";
    $("year-to").value = has(state.to) ? state.to : "";
    var undated = D.nodes.filter(function (n) { return !state.hiddenKinds.has(n.kind) && JWC.nodeSpan(n) === null; }).length;
    $("undated").checked = state.undated;
    $("undated-label").textContent = "show the " + undated + " entities with no date";
    $("undated-row").classList.toggle("idle", !has(state.from) && !has(state.to));
  }
  function stopPlay() {
    if (playing) { clearInterval(playing); playing = null; $("play").textContent = "▶ play"; }
  }
  /** The years in which something starts or ends: where the map changes as time runs. */
  function changes() {
    var s = new Set([years[0]]);
    var add = function (span) { if (!span) return; [span[0], span[1] + 1].forEach(function (y) { if (y >= years[0] && y <= years[1]) s.add(y); }); };
    D.nodes.forEach(function (n) { add(JWC.nodeSpan(n)); });
    D.edges.forEach(function (e) { if (e.kind === "member") add(JWC.edgeSpan(e)); });
    return Array.from(s).sort(function (a, b) { return a - b; });
  }
  function setYear(y) { state.from = state.to = y; apply(true); }
  api.setYear = setYear;
  if (years) {
    $("year").min = years[0]; $("year").max = years[1];
    $("year").addEventListener("input", function () { stopPlay(); setYear(parseInt(this.value, 10)); });
    $("all-years").addEventListener("click", function () { stopPlay(); state.from = state.to = null; apply(true); });
    $("play").addEventListener("click", function () {
      if (playing) { stopPlay(); return; }
      var steps = changes(), at = has(state.from) && state.from === state.to ? state.from : null;
      var next = function () {
        var y = steps.filter(function (s) { return at === null || s > at; })[0];
        if (y === undefined) { stopPlay(); return; }
        at = y; setYear(y);
      };
      $("play").textContent = "❚❚ pause";
      next();
      playing = setInterval(next, 1200);
    });
    var range = function () {
      stopPlay();
      var a = parseInt($("year-from").value, 10), b = parseInt($("year-to").value, 10);
      state.from = isNaN(a) ? null : a; state.to = isNaN(b) ? null : b;
      apply(true);
    };
    $("year-from").addEventListener("change", range);
    $("year-to").addEventListener("change", range);
    $("undated").addEventListener("change", function () { state.undated = this.checked; apply(true); });
  } else {
    $("time").hidden = true;
  }

  // ---- size by ---------------------------------------------------------------------------------------------
  cfg.metrics.forEach(function (m) { var o = el("option", m); o.value = m; o.selected = m === state.sizeBy; $("size-by").appendChild(o); });
  $("size-by").addEventListener("change", function () {
    state.sizeBy = this.value; rankCache = null;
    D.nodes.forEach(function (n) { n.size = sizeOf(n); });
    nodes.update(D.nodes.map(function (n) { return { id: n.id, size: n.size }; }));
    labels.invalidate(); writeAddress();
  });

  // ---- focus -----------------------------------------------------------------------------------------------
  function focusOn(id, depth) { stopPlay(); state.focus = id; state.depth = depth || 1; apply(true); }
  api.focusOn = focusOn;
  $("focus-plus").addEventListener("click", function () { if (state.focus) { state.depth += 1; apply(true); } });
  $("focus-minus").addEventListener("click", function () { if (state.focus && state.depth > 1) { state.depth -= 1; apply(true); } });
  $("focus-reset").addEventListener("click", function () { state.focus = null; state.depth = 1; apply(true); });

  // ---- hubs ------------------------------------------------------------------------------------------------
  $("collapse").checked = state.collapse;
  $("collapse-n").value = state.collapseN;
  $("collapse").addEventListener("change", function () { state.collapse = this.checked; apply(true); });
  $("collapse-n").addEventListener("change", function () { state.collapseN = parseInt(this.value, 10) || 20; apply(true); });

  // ---- selection and the side panel ------------------------------------------------------------------------
  function unselect(quiet) {
    state.select = null;
    network.unselectAll();
    panel.hide();
    labels.invalidate();
    if (!quiet) { writeAddress(); network.redraw(); }
  }
  /** Select an entity and open its panel; one hidden by the filters brings them back first. opts.fit: fit
      the view to the entity and its shown neighbours (after a search). */
  function selectEntity(id, opts) {
    if (!ix.byId.has(id)) return;
    stopPlay();
    if (!current.shown.has(id)) {
      state.hiddenKinds.clear(); state.theme = ""; state.from = state.to = null; state.focus = null; state.collapse = false;
      document.querySelectorAll("#legend input").forEach(function (b) { b.checked = true; });
      $("theme").value = ""; $("collapse").checked = false;
      apply(false);
    }
    state.select = id;
    network.selectNodes([id]);
    panel.show(id);
    if (!opts || opts.fit !== false) {
      var around = new Set([id]);
      ix.adj.get(id).forEach(function (p) { if (current.shown.has(p[0])) around.add(p[0]); });
      fitTo(around);
    }
    labels.invalidate();
    writeAddress();
    network.redraw();
  }
  api.selectEntity = function (id) { selectEntity(id); };
  api.showPanel = panel.show;
  network.on("selectNode", function (p) { if (p.nodes.length) selectEntity(p.nodes[0], { fit: false }); });
  network.on("deselectNode", function () { unselect(); });
  network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0], 1); });
  network.on("dragEnd", function () { labels.invalidate(); network.redraw(); });
  network.on("dragging", function (p) { if (p.nodes.length) labels.invalidate(); });

  // ---- search ----------------------------------------------------------------------------------------------
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

  // ---- export ----------------------------------------------------------------------------------------------
  api.png = function () { return JWC.pngOf(network); };
  api.svg = function () {
    return JWC.svgOf(network, {
      title: document.title + " — " + JWC.command(JWC.fields(ix, cfg, state)),
      shown: function () { return current.shown; },
      shownEdges: function () { return current.edges; },
      reach: reach,
      text: function (id) { return ix.byId.get(id).label; },
      labels: labels.drawn,
      style: function (id) {
        var n = ix.byId.get(id), k = kindStyle[n.kind];
        return { shape: k.shape, colour: state.colourBy === "community" ? (communityOf(n) || { colour: "#adb5bd" }).colour : k.colour };
      }
    });
  };
  $("save-png").addEventListener("click", function () { JWC.download(api.png(), "jwc-map.png"); });
  $("save-svg").addEventListener("click", function () {
    JWC.download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(api.svg()), "jwc-map.svg");
  });

  // ---- start: the view asked for, fitted -------------------------------------------------------------------
  if (asked && asked.unknown.length) {
    $("notice").textContent = "Not in this map: " + asked.unknown.join("; ") + ". The rest of the view is shown.";
    $("notice").hidden = false;
  }
  colourNodes(true);
  apply(true);
  marks.applied = performance.now();
  if (state.select && current.shown.has(state.select)) { network.selectNodes([state.select]); panel.show(state.select); }
})();
