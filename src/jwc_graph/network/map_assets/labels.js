/* jwc-graph map, part 2 of 6: labels that never cover each other. vis-network draws the nodes and links; the
   page draws the names itself, at a fixed size on screen (13 px, readable at any zoom). Whenever the zoom,
   the shown entities or the sizes change, names are placed from the most central entity down: a name is
   drawn under its node (else to its right, above it, to its left, or at a corner) where its box crosses no name already
   placed and no other shown node (the leading entities' names only avoid each other's nodes), so the most
   central entities are named at every zoom and the rest as the reader zooms in. */
(function () {
  "use strict";
  var FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var STRONG = "600 14px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var LINE = 16, STRONG_LINE = 17, PAD = 2, CELL = 64, WRAP = 28, MAX_LINE = 34;
  // The leading entities (the LEADING most central, at most a quarter of those shown, or LEADING_SHARE of them
  // if more) are named first,
  // in bold, and their names may lie over lesser nodes: so the most central are named at every zoom.
  var LEADING = 8, LEADING_SHARE = 0.05;
  // Names tried per placement, most central first, among the nodes in view: a 10,000-node map zoomed out has
  // room for a few dozen names, and trying them all would slow its first frame.
  var MAX_TRIES = 1500;
  var SHORT = 16;  // characters of a leading name cut short when the whole name finds no room
  var SEARCH = 4000;  // steps of the search for spots for the LEADING names together

  /** A name on at most two lines of about WRAP characters (the rest cut with an ellipsis). */
  function wrap(text) {
    text = String(text);
    if (text.length <= WRAP) return [text];
    var cut = text.lastIndexOf(" ", Math.min(text.length - 1, Math.max(WRAP, Math.ceil(text.length / 2))));
    if (cut < 8) cut = text.indexOf(" ", 8);
    if (cut < 0) return [text.slice(0, MAX_LINE - 1) + "…"];
    var first = text.slice(0, cut), rest = text.slice(cut + 1);
    if (rest.length > MAX_LINE) rest = rest.slice(0, MAX_LINE - 1).replace(/[\s,;:]+\S*$/, "") + "…";
    return [first, rest];
  }
  JWC.wrapLabel = wrap;

  /** The first words of a name, within SHORT characters, with an ellipsis if anything was left out. */
  function firstWords(text) {
    text = String(text);
    if (text.length <= SHORT) return text;
    var cut = text.lastIndexOf(" ", SHORT - 1);
    return text.slice(0, cut > 3 ? cut : SHORT - 1).replace(/[\s,;:]+$/, "") + "…";
  }

  /** Placed-box lookup on a grid of CELL-pixel squares. */
  function Grid() { this.cells = new Map(); }
  Grid.prototype.key = function (i, j) { return i * 1000003 + j; };
  Grid.prototype.each = function (b, fn) {
    for (var i = Math.floor(b[0] / CELL); i <= Math.floor(b[2] / CELL); i++)
      for (var j = Math.floor(b[1] / CELL); j <= Math.floor(b[3] / CELL); j++) if (fn(this.key(i, j)) === false) return false;
    return true;
  };
  Grid.prototype.add = function (b, item) {
    var cells = this.cells;
    this.each(b, function (k) { if (!cells.has(k)) cells.set(k, []); cells.get(k).push(item); });
  };
  Grid.prototype.hits = function (b, test) {
    var cells = this.cells;
    return !this.each(b, function (k) {
      var list = cells.get(k);
      if (list) for (var i = 0; i < list.length; i++) if (test(list[i])) return false;
    });
  };
  function crosses(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function boxTouchesDisc(b, d) {
    var x = Math.max(b[0], Math.min(d.x, b[2])), y = Math.max(b[1], Math.min(d.y, b[3]));
    return (x - d.x) * (x - d.x) + (y - d.y) * (y - d.y) < d.r * d.r;
  }

  /**
   * Labels for `network`. opts: text(id) -> the name to show; shown() -> the ids on the map; rank() -> ids,
   * most central first; reach(id) -> how far the node's shape reaches in canvas units; strong(id) -> bold;
   * short(id) -> an acronym for a leading entity whose whole name finds no room (else its first words), or null.
   */
  JWC.labels = function (network, opts) {
    var body = network.body, placed = [], last = [], dirty = true, placedAt = null, widths = new Map();
    var measureCtx = document.createElement("canvas").getContext("2d");

    function measure(id, lines, font) {
      var key = font + "\u0000" + lines.join("\n"), w = widths.get(key);
      if (w === undefined) {
        measureCtx.font = font;
        w = Math.max.apply(null, lines.map(function (l) { return measureCtx.measureText(l).width; }));
        widths.set(key, w);
      }
      return w;
    }

    /** Choose the names to draw at the current zoom (positions relative to the view, so panning keeps them). */
    function place() {
      var scale = body.view.scale, shown = opts.shown(), grid = new Grid(), out = [];
      var t = body.view.translation, frame = network.canvas.frame.canvas;
      var view = [-t.x, -t.y, frame.clientWidth - t.x, frame.clientHeight - t.y];  // the map's box, as names are placed
      var within = function (b) { return b[0] >= view[0] && b[1] >= view[1] && b[2] <= view[2] && b[3] <= view[3]; };
      var inside = function (b) {  // the box slid into the view, or null if it is wider or taller than the view
        var dx = Math.max(view[0] - b[0], Math.min(0, view[2] - b[2])), dy = Math.max(view[1] - b[1], Math.min(0, view[3] - b[3]));
        var c = [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];
        return within(c) ? c : null;
      };
      shown.forEach(function (id) {  // every shown node is an obstacle for the names of the others
        var n = body.nodes[id];
        if (!n) return;
        var d = { id: id, x: n.x * scale, y: n.y * scale, r: opts.reach(id) * scale + 1, disc: true };
        grid.add([d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r], d);
      });
      var leading = new Set(), quota = Math.max(Math.min(LEADING, Math.ceil(shown.size / 4)), Math.ceil(shown.size * LEADING_SHARE));
      opts.rank().forEach(function (id) { if (leading.size < quota && shown.has(id) && body.nodes[id]) leading.add(id); });
      var ranked = opts.rank(), tries = 0, inView = function (n) {
        return n.x * scale >= view[0] && n.x * scale <= view[2] && n.y * scale >= view[1] && n.y * scale <= view[3];
      };
      var nameCrosses = function (c) { return grid.hits(c, function (o) { return !o.disc && crosses(c, o.box); }); };

      /** Where the name of `id` may go, best first, as {lines, font, line, w, h, box}: checked against the nodes
       *  (not yet against other names). Pass 0: clear of every other node; pass 1, for a leading name only: over
       *  lesser nodes (it is drawn over them with a white halo); pass 2, for a leading name at the map's edge: slid
       *  back inside the view (a name cut by the edge is no use, but one slid along its node's side still says
       *  whose it is); pass 3, for one of the LEADING most central only: over any node but theirs (a name over a
       *  lesser leading node rather than none for one of the most central). A leading name that finds no room
       *  whole tries its acronym, else its first words. */
      function candidates(id) {
        var n = body.nodes[id], lead = leading.has(id), out = [], seen = new Set();
        var strong = lead || opts.strong(id), font = strong ? STRONG : FONT, line = strong ? STRONG_LINE : LINE;
        var x = n.x * scale, y = n.y * scale, r = opts.reach(id) * scale + 3, k = r * Math.SQRT1_2;
        var forms = [wrap(opts.text(id))];
        if (lead) forms.push([opts.short(id) || firstWords(opts.text(id))]);
        forms.forEach(function (lines) {
          var w = measure(id, lines, font) + 2 * PAD, h = lines.length * line + PAD;
          var spots = [[x - w / 2, y + r], [x + r, y - h / 2], [x - w / 2, y - r - h], [x - r - w, y - h / 2],  // below, right, above, left
                       [x + k, y + k], [x + k, y - k - h], [x - k - w, y + k], [x - k - w, y - k - h]];  // then the corners
          if (lead) {  // a leading name may also sit below or above its node off-centre (still touching it)
            [-w / 3, w / 3, -w / 2 + r, w / 2 - r].forEach(function (dx) {
              spots.push([x - w / 2 + dx, y + r], [x - w / 2 + dx, y - r - h]);
            });
          }
          for (var pass = 0; pass < (topIds.has(id) ? 4 : lead ? 3 : 1); pass++) {
            spots.forEach(function (s) {
              var c = [s[0], s[1], s[0] + w, s[1] + h];
              if (pass >= 2) c = inside(c);
              if (!c || !within(c)) return;
              var blocks = pass === 0 ? anyNode : pass === 3 ? isTop : isLeading;  // the nodes this pass avoids
              var key = lines.join("\n") + ":" + c.join(",");  // a box clear in an earlier pass is clear in later ones
              if (seen.has(key)) return;
              if (!grid.hits(c, function (o) {
                return o.disc && o.id !== id && blocks(o.id) && boxTouchesDisc(c, o);
              })) { seen.add(key); out.push({ id: id, lines: lines, font: font, line: line, w: w, h: h, box: c }); }
            });
          }
        });
        return out;
      }
      function put(item) { grid.add(item.box, item); out.push(item); }

      // The LEADING most central first, together: a small search for spots where none of their names crosses
      // another (the first names taking their best spots can leave a later one, deep in a crowded map, no room at
      // all); after SEARCH steps, the best found so far.
      var topIds = new Set(), done = new Set();
      var anyNode = function () { return true; }, isTop = topIds.has.bind(topIds), isLeading = leading.has.bind(leading);
      for (var k = 0; k < ranked.length && topIds.size < LEADING; k++) {
        var id = ranked[k], n = body.nodes[id];
        if (!n || !shown.has(id) || !leading.has(id) || done.has(id)) continue;
        done.add(id);
        if (inView(n)) topIds.add(id);
      }
      // the fewest places first: a name with few places decides early, and the others make room around it
      var top = Array.from(topIds, candidates).filter(function (o) { return o.length; });
      top.sort(function (a, b) { return a.length - b.length; });
      var chosen = [], best = [], bestNamed = 0, steps = 0;
      (function search(i, named) {
        if (named + (top.length - i) <= bestNamed || steps > SEARCH) return;
        if (i === top.length) { best = chosen.slice(); bestNamed = named; return; }
        var options = top[i];
        for (var j = 0; j < options.length && steps <= SEARCH; j++) {
          steps++;
          var c = options[j].box;
          if (chosen.some(function (o) { return o && crosses(c, o.box); })) continue;
          chosen.push(options[j]);
          search(i + 1, named + 1);
          chosen.pop();
          if (bestNamed === top.length) return;
        }
        chosen.push(null);  // this one unnamed, if nothing else works
        search(i + 1, named);
        chosen.pop();
      })(0, 0);
      best.forEach(function (item) { if (item) put(item); });
      topIds.forEach(function (id) {  // one the search left unnamed (cut short) tries again with the others
        if (!best.some(function (item) { return item && item.id === id; })) done.delete(id);
      });

      for (k = 0; k < ranked.length && tries < MAX_TRIES; k++) {
        id = ranked[k]; n = body.nodes[id];
        if (!n || !shown.has(id) || done.has(id)) continue;
        done.add(id);
        if (!inView(n)) continue;
        tries++;
        var found = candidates(id).find(function (c) { return !nameCrosses(c.box); });
        if (found) put(found);
      }
      placed = out; placedAt = scale; dirty = false;
    }

    network.on("afterDrawing", function (ctx) {
      if (dirty || placedAt !== body.view.scale) place();
      var t = body.view.translation, ratio = network.canvas.pixelRatio || 1;
      var W = ctx.canvas.width / ratio, H = ctx.canvas.height / ratio, drawn = [];
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
      placed.forEach(function (p) {
        var left = p.box[0] + t.x, top = p.box[1] + t.y;  // names follow the map while it is dragged
        if (left > W || top > H || left + p.w < 0 || top + p.h < 0) return;
        var cx = left + p.w / 2;
        ctx.font = p.font;
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.fillStyle = "#212529";
        p.lines.forEach(function (l, i) {
          ctx.strokeText(l, cx, top + PAD / 2 + i * p.line);
          ctx.fillText(l, cx, top + PAD / 2 + i * p.line);
        });
        drawn.push({ id: p.id, lines: p.lines, font: p.font, line: p.line, left: left, top: top, right: left + p.w, bottom: top + p.h });
      });
      ctx.restore();
      last = drawn;
    });

    return {
      /** Place the names again at the next frame (the shown set, the sizes, the names or positions changed). */
      invalidate: function () { dirty = true; },
      /** The names drawn in the last frame, with their boxes in pixels from the map's top left corner. */
      drawn: function () { return last.slice(); },
      font: function (strong) { return strong ? STRONG : FONT; },
      PAD: PAD
    };
  };
})();
