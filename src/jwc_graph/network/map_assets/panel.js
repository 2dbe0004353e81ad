/* jwc-graph map, part 5 of 6: the side panel, in plain words. Links come first (who works with whom), grouped
   under a heading for their direction ("member of", "members"), each with its role and period; then the
   facts under the names a person reads ("founded", "about"); every statement points to a numbered note
   that names its source, so a long source title is written once. Text is only ever set with textContent. */
(function () {
  "use strict";
  var FIRST = ["member of", "members", "partners", "partner in", "runs", "run by", "organises", "organised by"];

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  JWC.el = el;

  /** "founding member, 2005–2010" from a link's roles and period. */
  JWC.linkDetail = function (e) {
    var extra = (e.roles || []).filter(function (r) { return r !== "member"; });
    if (e.start && e.end) extra.push(e.start + "–" + e.end);
    else if (e.start) extra.push("since " + e.start);
    else if (e.end) extra.push("until " + e.end);
    return extra.join(", ");
  };

  /**
   * The panel in `root`. ctx: ix (the shared index), cfg, web (served over http), isShown(id), select(id),
   * focus(id), close(), community(id) -> {name, colour} or null.
   */
  JWC.panel = function (root, ctx) {
    function hint() {
      root.textContent = "";
      root.hidden = true;
    }

    function show(id) {
      var n = ctx.ix.byId.get(id);
      if (!n) { hint(); return; }
      root.hidden = false;
      root.textContent = "";
      var notes = [], noteOf = new Map();
      /** Note marks "[1][2]" for sources given by index; each source is numbered when first cited. */
      function marks(srcs) {
        var s = el("span", null, "notes");
        (srcs || []).forEach(function (i) {
          if (!noteOf.has(i)) { notes.push(i); noteOf.set(i, notes.length); }
          var m = el("sup", "[" + noteOf.get(i) + "]", "note");
          m.title = ctx.cfg.sources[i];
          s.appendChild(m);
        });
        return s;
      }

      var close = el("button", "×", "close");
      close.type = "button"; close.id = "panel-close"; close.setAttribute("aria-label", "Close the panel");
      close.addEventListener("click", ctx.close);
      root.appendChild(close);
      root.appendChild(el("h2", n.baseLabel));
      var same = function (t) { return t.toLowerCase().replace(/z/g, "s") === n.kind; };  // "Organization"
      root.appendChild(el("p", [n.kind].concat((n.types || []).filter(function (t) { return !same(t); })).join(" · ") + (n.year ? " · " + n.year + (n.end && n.end !== n.year ? "–" + n.end : "") : ""), "kind"));
      if ((n.names || []).length) root.appendChild(el("p", "also known as " + n.names.join("; "), "aka"));
      var c = ctx.community(id);
      if (c) {
        var cp = el("p", null, "community"), sw = el("span", null, "swatch");
        sw.style.background = c.colour;
        cp.appendChild(sw); cp.appendChild(document.createTextNode(" community: " + c.name));
        root.appendChild(cp);
      }
      var actions = el("p", null, "actions"), fb = el("button", "Focus here");
      fb.type = "button"; fb.id = "panel-focus";
      fb.addEventListener("click", function () { ctx.focus(id); });
      actions.appendChild(fb);
      if (ctx.web && n.page) { var a = el("a", "Entity page"); a.href = n.page; actions.appendChild(document.createTextNode(" ")); actions.appendChild(a); }
      root.appendChild(actions);

      // links, grouped by heading
      var groups = new Map();
      ctx.ix.adj.get(id).forEach(function (p) {
        var e = ctx.ix.edgeById.get(p[1]), words = ctx.cfg.linkHeadings[e.kind] || [e.kind, e.kind];
        var heading = e.from === id ? words[0] : words[1];
        if (!groups.has(heading)) groups.set(heading, []);
        groups.get(heading).push([p[0], e]);
      });
      var headings = Array.from(groups.keys()).sort(function (a, b) {
        var ia = FIRST.indexOf(a), ib = FIRST.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
      });
      if (headings.length) {
        var total = ctx.ix.adj.get(id).length;
        var links = el("section", null, "links");
        links.appendChild(el("h3", "Links (" + total + ")"));
        headings.forEach(function (h) {
          var rows = groups.get(h).sort(function (a, b) { return ctx.ix.byId.get(a[0]).baseLabel.localeCompare(ctx.ix.byId.get(b[0]).baseLabel); });
          links.appendChild(el("h4", h + (rows.length > 1 ? " (" + rows.length + ")" : "")));
          var ul = el("ul");
          rows.slice(0, 60).forEach(function (r) {
            var other = ctx.ix.byId.get(r[0]), li = el("li"), go = el("a", other.baseLabel, "go");
            go.setAttribute("role", "button"); go.tabIndex = 0;
            go.title = r[1].because;
            go.addEventListener("click", function () { ctx.select(other.id); });
            go.addEventListener("keydown", function (ev) { if (ev.key === "Enter") ctx.select(other.id); });
            li.appendChild(go);
            var detail = JWC.linkDetail(r[1]);
            if (detail) li.appendChild(el("span", " — " + detail, "detail"));
            li.appendChild(marks(r[1].src));
            if (!ctx.isShown(other.id)) { li.className = "off"; li.appendChild(el("span", " (not on the map now)", "detail")); }
            ul.appendChild(li);
          });
          if (rows.length > 60) ul.appendChild(el("li", "… and " + (rows.length - 60) + " more"));
          links.appendChild(ul);
        });
        root.appendChild(links);
      }

      // facts, in plain words
      if ((n.facts || []).length) {
        var facts = el("section", null, "facts"), dl = el("dl");
        facts.appendChild(el("h3", "Facts"));
        var lastLabel = null;
        n.facts.forEach(function (f) {
          if (f[0] !== lastLabel) dl.appendChild(el("dt", f[0]));
          lastLabel = f[0];
          var dd = el("dd", f[1]);
          dd.appendChild(marks(f[2]));
          dl.appendChild(dd);
        });
        facts.appendChild(dl);
        root.appendChild(facts);
      }

      // sources as numbered notes, and any source of the entity no statement above cited
      (n.src || []).forEach(function (i) { if (!noteOf.has(i)) { notes.push(i); noteOf.set(i, notes.length); } });
      if (notes.length) {
        var sec = el("section", null, "sources"), ol = el("ol");
        sec.appendChild(el("h3", "Sources"));
        notes.forEach(function (i) { ol.appendChild(el("li", ctx.cfg.sources[i])); });
        sec.appendChild(ol);
        root.appendChild(sec);
      }
    }

    hint();
    return { show: show, hide: hint };
  };
})();
