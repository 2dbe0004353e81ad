// The query page: runs SPARQL on /sparql and shows the answer. Text from data is set with
// textContent only (never as markup), and nothing is loaded from anywhere but this server.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("page-data").textContent);
  const RESULT_FORMATS = [["json", "SPARQL JSON"], ["xml", "SPARQL XML"], ["csv", "CSV"], ["tsv", "TSV"]];
  const GRAPH_FORMATS = [["turtle", "Turtle"], ["jsonld", "JSON-LD"], ["ntriples", "N-Triples"], ["rdfxml", "RDF/XML"]];
  const prefixes = Object.entries(data.prefixes).sort((a, b) => b[1].length - a[1].length);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function shorten(iri) {
    for (const [p, ns] of prefixes) {
      if (iri.startsWith(ns)) return p + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      let node;
      if (term.value.startsWith(data.id)) {
        node = el("a", shorten(term.value));
        node.href = "/id/" + term.value.slice(data.id.length);
      } else {
        node = el("span", shorten(term.value));
      }
      node.title = term.value;
      td.appendChild(node);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      const value = el("span", term.value);
      if (term["xml:lang"]) value.title = "@" + term["xml:lang"];
      else if (term.datatype) value.title = shorten(term.datatype);
      td.appendChild(value);
    }
    return td;
  }

  function shareUrl(text) {
    return location.origin + location.pathname + "?query=" + encodeURIComponent(text);
  }

  function reset() {
    for (const id of ["error", "share", "downloads", "results", "graph"]) $(id).hidden = true;
    $("results").tHead.replaceChildren();
    $("results").tBodies[0].replaceChildren();
    $("graph").textContent = "";
    $("download-links").replaceChildren();
  }

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = false;
  }

  function showShare(text) {
    const url = shareUrl(text);
    $("share-link").href = url;
    $("share-url").value = url;
    $("share").hidden = false;
    if (location.href !== url) history.pushState(null, "", url);
  }

  function showDownloads(text, formats) {
    const box = $("download-links");
    formats.forEach(([fmt, label], i) => {
      if (i) box.appendChild(document.createTextNode(" · "));
      const a = el("a", label);
      a.href = "sparql?" + new URLSearchParams({ query: text, format: fmt, download: "1" }).toString();
      a.setAttribute("download", "");
      a.dataset.format = fmt;
      box.appendChild(a);
    });
    $("downloads").hidden = false;
  }

  function showTable(doc) {
    const vars = doc.head.vars;
    const head = el("tr");
    vars.forEach((v) => head.appendChild(el("th", v)));
    $("results").tHead.appendChild(head);
    const body = $("results").tBodies[0];
    for (const binding of doc.results.bindings) {
      const tr = el("tr");
      vars.forEach((v) => tr.appendChild(cell(binding[v])));
      body.appendChild(tr);
    }
    $("results").hidden = false;
    return doc.results.bindings.length;
  }

  async function run() {
    const text = $("query").value;
    reset();
    if (!text.trim()) {
      showError("Write a query, or choose an example.");
      return;
    }
    showShare(text);
    $("status").textContent = "Running…";
    $("run").disabled = true;
    const started = performance.now();
    try {
      const resp = await fetch("sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: text }),
      });
      const body = await resp.text();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!resp.ok) {
        $("status").textContent = "The server could not answer (" + resp.status + ").";
        showError(body);
        return;
      }
      const cut = resp.headers.get("X-JWC-Truncated") === "true"
        ? ", cut at the server's limit of " + resp.headers.get("X-JWC-Row-Limit") + " rows" : "";
      if ((resp.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) {
        const doc = JSON.parse(body);
        if ("boolean" in doc) {
          $("status").textContent = "Answer: " + (doc.boolean ? "yes" : "no") + " (" + seconds + " s)";
        } else {
          const n = showTable(doc);
          $("status").textContent = n + (n === 1 ? " row" : " rows") + " in " + seconds + " s" + cut;
        }
        showDownloads(text, RESULT_FORMATS);
      } else {
        $("graph").textContent = body;
        $("graph").hidden = false;
        $("status").textContent = "A graph (Turtle) in " + seconds + " s" + cut;
        showDownloads(text, GRAPH_FORMATS);
      }
    } catch (err) {
      $("status").textContent = "";
      showError("Could not reach the server: " + err.message);
    } finally {
      $("run").disabled = false;
    }
  }

  function chooseExample() {
    const q = data.examples.find((e) => e.name === $("example").value);
    $("example-about").hidden = !q;
    if (!q) return;
    $("example-question").textContent = q.question;
    $("example-description").textContent = q.description;
    $("query").value = q.text;
  }

  $("example").addEventListener("change", chooseExample);
  $("query-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
  $("query").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
  });
  window.addEventListener("popstate", () => {
    const text = new URLSearchParams(location.search).get("query");
    if (text !== null) { $("query").value = text; run(); }
  });

  const initial = new URLSearchParams(location.search).get("query");
  if (initial !== null) {
    $("query").value = initial;
    const match = data.examples.find((e) => e.text === initial);
    if (match) { $("example").value = match.name; chooseExample(); }
    run();
  }
})();
