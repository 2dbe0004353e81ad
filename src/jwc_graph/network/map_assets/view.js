/* jwc-graph map, part 1 of 6: the view as data. What a view shows (the same rules as network/selection.py),
   how it reads as URL parameters and as a `jwc map` command (as options.MapView writes them), and names
   resolved as `projection.resolve` does. No drawing and no DOM here. */
var JWC = {};
(function () {
  "use strict";
  var FAR = 1000000;

  /** The index the other parts share: nodes and edges by id, and each node's links as [neighbour, edge id]. */
  JWC.index = function (D) {
    var byId = new Map(), edgeById = new Map(), adj = new Map();
    D.nodes.forEach(function (n) { byId.set(n.id, n); adj.set(n.id, []); });
    D.edges.forEach(function (e) {
      edgeById.set(e.id, e);
      adj.get(e.from).push([e.to, e.id]); adj.get(e.to).push([e.from, e.id]);
    });
    var names = new Map();  // every name, casefolded, to the nodes that carry it
    D.nodes.forEach(function (n) {
      [n.label].concat(n.names || []).forEach(function (s) {
        var k = String(s).toLowerCase();
        if (!names.has(k)) names.set(k, new Set());
        names.get(k).add(n.id);
      });
    });
    return { nodes: D.nodes, byId: byId, edgeById: edgeById, adj: adj, names: names };
  };

  // ---- time: the same spans as selection.node_span / edge_span / in_window --------------------------
  function has(v) { return v !== null && v !== undefined; }
  JWC.nodeSpan = function (n) {
    if (!has(n.year) && !has(n.end)) return null;
    if (n.kind === "event") return [has(n.year) ? n.year : n.end, has(n.end) ? n.end : n.year];
    return [has(n.year) ? n.year : -FAR, has(n.end) ? n.end : FAR];
  };
  JWC.edgeSpan = function (e) {
    if (e.kind !== "member") return [-FAR, FAR];
    if (!has(e.start) && !has(e.end)) return null;
    return [has(e.start) ? e.start : -FAR, has(e.end) ? e.end : FAR];
  };
  JWC.inWindow = function (span, since, until, undated) {
    if (!has(since) && !has(until)) return true;
    if (span === null) return undated;
    return span[0] <= (has(until) ? until : FAR) && span[1] >= (has(since) ? since : -FAR);
  };

  /** The node id for a name as `projection.resolve` finds it (IRI, then a unique exact name, then a unique
      name containing it), or null. */
  JWC.resolve = function (ix, name) {
    if (!name) return null;
    if (ix.byId.has(name)) return name;
    var q = String(name).trim().toLowerCase();
    var exact = ix.names.get(q);
    if (exact && exact.size === 1) return exact.values().next().value;
    if (exact && exact.size > 1) return null;
    var partial = new Set();
    ix.names.forEach(function (ids, k) { if (k.indexOf(q) >= 0) ids.forEach(function (id) { partial.add(id); }); });
    return partial.size === 1 ? partial.values().next().value : null;
  };
  /** The name a URL or command gives an entity: its preferred name when that finds it alone, else its IRI. */
  JWC.nameFor = function (ix, id) {
    var n = ix.byId.get(id);
    if (!n) return id;
    var name = n.baseLabel || n.label;  // the label as drawn may be a folded hub's "name (+3)"
    var ids = ix.names.get(String(name).toLowerCase());
    return ids && ids.size === 1 ? name : id;
  };

  /** What the state shows: the same steps as selection.shown (kinds, years, theme, focus), then folded hubs. */
  JWC.shown = function (ix, st) {
    var edgeOk = function (e) { return JWC.inWindow(JWC.edgeSpan(e), st.from, st.to, st.undated); };
    var allowed = new Set();
    ix.nodes.forEach(function (n) {
      if (!st.hiddenKinds.has(n.kind) && JWC.inWindow(JWC.nodeSpan(n), st.from, st.to, st.undated)) allowed.add(n.id);
    });
    var neighbours = function (id, among) {
      var out = [];
      ix.adj.get(id).forEach(function (p) { if (among.has(p[0]) && edgeOk(ix.edgeById.get(p[1]))) out.push(p[0]); });
      return out;
    };
    if (st.theme && ix.byId.has(st.theme)) {
      var themed = new Set([st.theme]);
      neighbours(st.theme, allowed).forEach(function (m) { themed.add(m); });
      allowed = themed;
    }
    if (st.focus && ix.byId.has(st.focus)) {
      var reached = new Set([st.focus]), frontier = [st.focus];
      for (var step = 0; step < st.depth; step++) {
        var next = [];
        frontier.forEach(function (id) {
          neighbours(id, allowed).forEach(function (m) { if (!reached.has(m)) { reached.add(m); next.push(m); } });
        });
        frontier = next;
      }
      allowed = reached;
    }
    var labels = new Map();
    if (st.collapse) {  // hubs of more than collapseN shown neighbours fold their leaves: "IPJJ (+9)"
      var memo = new Map();
      var around = function (id) {
        if (!memo.has(id)) memo.set(id, new Set(neighbours(id, allowed)));
        return memo.get(id);
      };
      var fold = [];
      allowed.forEach(function (id) {
        var nb = around(id);
        if (nb.size <= st.collapseN) return;
        var leaves = 0;
        nb.forEach(function (m) { if (m !== st.focus && around(m).size === 1) { fold.push(m); leaves++; } });
        if (leaves) labels.set(id, ix.byId.get(id).baseLabel + " (+" + leaves + ")");
      });
      fold.forEach(function (id) { allowed.delete(id); });
    }
    var edges = new Set();
    ix.edgeById.forEach(function (e, id) { if (allowed.has(e.from) && allowed.has(e.to) && edgeOk(e)) edges.add(id); });
    return { shown: allowed, edges: edges, labels: labels };
  };

  // ---- the view as URL parameters and as a command: options.MapView.params() and .command() ------------
  var NAMES = ["focus", "depth", "kinds", "year", "since", "until", "undated", "size_by", "colour", "theme",
               "collapse", "select"];
  JWC.PARAMS = NAMES;
  var SAFE = /[^\w@%+=:,./-]/;
  /** One shell word, quoted only when needed (Python's shlex.quote). */
  JWC.quote = function (w) {
    w = String(w);
    if (!w) return "''";
    return SAFE.test(w) || /[^\x00-\x7f]/.test(w) ? "'" + w.replace(/'/g, "'\"'\"'") + "'" : w;
  };
  /** The kinds a view names: none when it shows exactly the default kinds. */
  function kindList(st, cfg) {
    var shown = cfg.kinds.map(function (k) { return k.kind; }).filter(function (k) { return !st.hiddenKinds.has(k); });
    var same = shown.length === cfg.defaultKinds.length && cfg.defaultKinds.every(function (k) { return shown.indexOf(k) >= 0; });
    return same ? null : shown;
  }
  /** The view's fields in MapView's words (names for entities, null where it is the default). */
  JWC.fields = function (ix, cfg, st) {
    var dated = has(st.from) || has(st.to);
    var year = has(st.from) && st.from === st.to ? st.from : null;
    return {
      focus: st.focus ? JWC.nameFor(ix, st.focus) : null,
      depth: st.focus && st.depth !== 1 ? st.depth : null,
      kinds: kindList(st, cfg),
      year: year,
      since: year === null && has(st.from) ? st.from : null,
      until: year === null && has(st.to) ? st.to : null,
      undated: dated && !st.undated ? "hide" : null,
      size_by: st.sizeBy !== "degree" ? st.sizeBy : null,
      colour: st.colourBy !== "kind" ? st.colourBy : null,
      theme: st.theme ? JWC.nameFor(ix, st.theme) : null,
      collapse: st.collapse ? st.collapseN : null,
      select: st.select ? JWC.nameFor(ix, st.select) : null
    };
  };
  /** The view's fields as a query string, in MapView.params() order; commas, slashes and colons left readable. */
  JWC.toParams = function (f) {
    var enc = function (v) {
      return encodeURIComponent(v).replace(/%20/g, "+").replace(/%2C/gi, ",").replace(/%2F/gi, "/").replace(/%3A/gi, ":");
    };
    var parts = [];
    NAMES.forEach(function (k) {
      var v = f[k];
      if (v !== null && v !== undefined) parts.push(k + "=" + enc(Array.isArray(v) ? v.join(",") : String(v)));
    });
    return parts.join("&");
  };
  JWC.command = function (f) {
    var parts = ["jwc map"];
    if (f.focus) parts.push("--focus " + JWC.quote(f.focus));
    if (f.depth) parts.push("--depth " + f.depth);
    if (f.kinds) parts.push("--kinds " + f.kinds.join(","));
    if (f.year !== null) parts.push("--year " + f.year);
    if (f.since !== null) parts.push("--since " + f.since);
    if (f.until !== null) parts.push("--until " + f.until);
    if (f.undated) parts.push("--hide-undated");
    if (f.size_by) parts.push("--size-by " + f.size_by);
    if (f.colour) parts.push("--colour-by " + f.colour);
    if (f.theme) parts.push("--theme " + JWC.quote(f.theme));
    if (f.collapse) parts.push("--collapse " + f.collapse);
    if (f.select) parts.push("--select " + JWC.quote(f.select));
    return parts.join(" ");
  };

  /** The state a view in MapView's form gives (cfg.view from Python), its names already resolved to ids. */
  JWC.stateFrom = function (cfg, v) {
    var kinds = v.kinds && v.kinds.length ? v.kinds : cfg.defaultKinds;
    return {
      hiddenKinds: new Set(cfg.kinds.map(function (k) { return k.kind; }).filter(function (k) { return kinds.indexOf(k) < 0; })),
      theme: v.theme || "", from: has(v.since) ? v.since : null, to: has(v.until) ? v.until : null,
      undated: v.undated !== false, focus: v.focus || null, depth: v.depth || 1,
      collapse: !!v.collapse, collapseN: v.collapse || 20,
      sizeBy: cfg.metrics.indexOf(v.sizeBy) >= 0 ? v.sizeBy : "degree",
      colourBy: v.colourBy === "community" && cfg.communities.length ? "community" : "kind",
      select: v.select || null
    };
  };
  /** The view a URL's parameters ask for (as MapView.from_params reads them), or null when they name none;
      names that find nothing are left out and listed in `unknown`. */
  JWC.viewFromParams = function (ix, search) {
    var p = new URLSearchParams(search);
    if (!NAMES.some(function (k) { return p.has(k); })) return null;
    var num = function (k) { var v = parseInt(p.get(k), 10); return isNaN(v) ? null : v; };
    var unknown = [];
    var entity = function (k) {
      var name = (p.get(k) || "").trim();
      if (!name) return null;
      var id = JWC.resolve(ix, name);
      if (!id) unknown.push(name);
      return id;
    };
    var year = num("year");
    return {
      focus: entity("focus"), depth: num("depth") || 1,
      kinds: (p.get("kinds") || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean),
      since: year !== null ? year : num("since"), until: year !== null ? year : num("until"),
      undated: p.get("undated") !== "hide", sizeBy: p.get("size_by") || "degree", colourBy: p.get("colour") || "kind",
      theme: entity("theme"), collapse: num("collapse"), select: entity("select"), unknown: unknown
    };
  };
})();
