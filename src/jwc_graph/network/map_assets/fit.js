/* jwc-graph map, part 3 of 6: fit the view to what is shown, after every filter, search and focus, with room
   for the names under the nodes; a few entities are not blown up past MAX_SCALE. */
(function () {
  "use strict";
  var MARGIN = { left: 80, right: 80, top: 30, bottom: 50 }, MAX_SCALE = 1.4, MIN_SCALE = 0.02;

  /** Move and zoom `network` so that every id in `ids` (with its shape's reach) is inside the view, left of
      `covered` pixels on the right (the side panel, when open). */
  JWC.fit = function (network, ids, reach, covered) {
    var body = network.body, box = null;
    ids.forEach(function (id) {
      var n = body.nodes[id];
      if (!n) return;
      var r = reach(id);
      if (!box) box = [n.x - r, n.y - r, n.x + r, n.y + r];
      else {
        box[0] = Math.min(box[0], n.x - r); box[1] = Math.min(box[1], n.y - r);
        box[2] = Math.max(box[2], n.x + r); box[3] = Math.max(box[3], n.y + r);
      }
    });
    if (!box) return;
    var W = network.canvas.frame.canvas.clientWidth, H = network.canvas.frame.canvas.clientHeight;
    var right = MARGIN.right + (covered && covered < W / 2 ? covered : 0);
    var availW = Math.max(40, W - MARGIN.left - right), availH = Math.max(40, H - MARGIN.top - MARGIN.bottom);
    var scale = Math.min(availW / Math.max(1, box[2] - box[0]), availH / Math.max(1, box[3] - box[1]));
    scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
    // the box's centre goes to the centre of the area inside the margins
    var dx = (MARGIN.left - right) / 2 / scale, dy = (MARGIN.top - MARGIN.bottom) / 2 / scale;
    network.moveTo({ position: { x: (box[0] + box[2]) / 2 - dx, y: (box[1] + box[3]) / 2 - dy }, scale: scale, animation: false });
  };
  JWC.fit.MAX_SCALE = MAX_SCALE;
})();
