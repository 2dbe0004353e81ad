/* jwc-graph map, part 4 of 6: the current view as a picture. PNG: the drawn canvas on white. SVG: written
   from the drawn positions (links, nodes in their kind's shape and colour, the names drawn on the map), so
   it scales for print; built with DOM calls and serialised, so names from the data stay text. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  /** The map as a PNG data URL, exactly as drawn, on a white background. */
  JWC.pngOf = function (network) {
    var src = network.canvas.frame.canvas, out = document.createElement("canvas");
    out.width = src.width; out.height = src.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    return out.toDataURL("image/png");
  };

  /** Points of a vis-network shape of radius r around (x, y), as vis-network draws them. */
  function shapePoints(shape, x, y, r) {
    var pts = [], i, a;
    if (shape === "square") return [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]];
    if (shape === "diamond") return [[x, y - r], [x + r, y], [x, y + r], [x - r, y]];
    if (shape === "triangle" || shape === "triangleDown") {
      var s = 2 * r, ir = (Math.sqrt(3) / 6) * s, h = Math.sqrt(s * s - (s / 2) * (s / 2)), f = shape === "triangle" ? 1 : -1;
      return [[x, y - f * (h - ir)], [x + s / 2, y + f * ir], [x - s / 2, y + f * ir]];
    }
    if (shape === "hexagon") {
      for (i = 0; i < 6; i++) { a = (Math.PI / 3) * i; pts.push([x + r * Math.cos(a), y + r * Math.sin(a)]); }
      return pts;
    }
    if (shape === "star") {
      r *= 0.82; y += 0.1 * r;
      for (i = 0; i < 10; i++) {
        var radius = i % 2 === 0 ? r * 1.3 : r * 0.5;
        pts.push([x + radius * Math.sin((i * 2 * Math.PI) / 10), y - radius * Math.cos((i * 2 * Math.PI) / 10)]);
      }
      return pts;
    }
    return null;  // a dot: a circle
  }

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function r1(v) { return Math.round(v * 10) / 10; }

  /**
   * The current view as an SVG document (a string). opts: shown(), shownEdges() -> sets of ids; style(id) ->
   * {shape, colour}; label boxes from the labels part; title for the document.
   */
  JWC.svgOf = function (network, opts) {
    var canvas = network.canvas.frame.canvas, W = canvas.clientWidth, H = canvas.clientHeight;
    var scale = network.getScale(), body = network.body;
    var dom = function (n) { var p = network.canvasToDOM({ x: n.x, y: n.y }); return [p.x, p.y]; };
    var inside = function (p, m) { return p[0] > -m && p[1] > -m && p[0] < W + m && p[1] < H + m; };
    var svg = el("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, "font-family": "system-ui, sans-serif" });
    svg.appendChild(el("title", {}, opts.title));
    var defs = el("defs", {}), marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" });
    marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#868e96" }));
    defs.appendChild(marker); svg.appendChild(defs);
    svg.appendChild(el("rect", { width: W, height: H, fill: "#ffffff" }));
    var links = el("g", { stroke: "#adb5bd", "stroke-width": 0.8, fill: "none" });
    opts.shownEdges().forEach(function (id) {
      var e = body.edges[id];
      if (!e || !body.nodes[e.fromId] || !body.nodes[e.toId]) return;
      var a = dom(body.nodes[e.fromId]), b = dom(body.nodes[e.toId]);
      if (!inside(a, 200) && !inside(b, 200)) return;
      var len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1, back = opts.reach(e.toId) * scale + 1;
      var end = [b[0] - (b[0] - a[0]) * back / len, b[1] - (b[1] - a[1]) * back / len];
      links.appendChild(el("line", { x1: r1(a[0]), y1: r1(a[1]), x2: r1(end[0]), y2: r1(end[1]), "marker-end": "url(#arrow)", "data-edge": id }));
    });
    svg.appendChild(links);
    var nodes = el("g", { stroke: "#ffffff", "stroke-width": 1 });
    opts.shown().forEach(function (id) {
      var n = body.nodes[id];
      if (!n) return;
      var p = dom(n), r = n.options.size * scale, st = opts.style(id);
      if (!inside(p, r + 2)) return;
      var pts = shapePoints(st.shape, p[0], p[1], r), shape;
      if (pts) shape = el("polygon", { points: pts.map(function (q) { return r1(q[0]) + "," + r1(q[1]); }).join(" "), fill: st.colour });
      else shape = el("circle", { cx: r1(p[0]), cy: r1(p[1]), r: r1(r), fill: st.colour });
      shape.setAttribute("data-id", id);
      shape.appendChild(el("title", {}, opts.text(id)));
      nodes.appendChild(shape);
    });
    svg.appendChild(nodes);
    var names = el("g", { fill: "#212529", "text-anchor": "middle", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round" });
    opts.labels().forEach(function (l) {
      var bold = /^600 /.test(l.font), size = bold ? 14 : 13;
      l.lines.forEach(function (line, i) {
        names.appendChild(el("text", { x: r1((l.left + l.right) / 2), y: r1(l.top + 1 + i * l.line + size * 0.8), "font-size": size,
                                       "font-weight": bold ? 600 : 400, "data-id": l.id }, line));
      });
    });
    svg.appendChild(names);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  };

  /** Offer `url` as a download named `name`. */
  JWC.download = function (url, name) {
    var a = document.createElement("a");
    a.href = url; a.download = name; a.style.display = "none";
    document.body.appendChild(a); a.click(); a.remove();
  };
})();
