// The query page around YASGUI (query-editor.js): the catalogue's examples, what the answer says (rows, the
// row cut, warnings, where an error is), a shareable URL and a short link for each query, downloads in each
// format, and recent queries. Text from data is set with textContent only (never as markup), and nothing is
// loaded from anywhere but this server.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("page-data").textContent);
  const RESULT_FORMATS = [["json", "SPARQL JSON"], ["xml", "SPARQL XML"], ["csv", "CSV"], ["tsv", "TSV"]];
  const GRAPH_FORMATS = [["turtle", "Turtle"], ["jsonld", "JSON-LD"], ["ntriples", "N-Triples"], ["rdfxml", "RDF/XML"]];
  const HISTORY_KEY = "jwc-query-history";
  const HISTORY_SIZE = 30;
  const START = "SELECT ?org ?name WHERE {\n  GRAPH ?source { ?org a jwc:NGO ; skos:prefLabel ?name }\n}\n" +
    "ORDER BY ?name\nLIMIT 20\n";
  let yasgui = null; // YASGUI, made below once the functions it calls back are defined

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // --- the answer: status, warnings, error position, share link, downloads ---------------------------------

  function reset() {
    for (const id of ["warnings", "error-at", "share", "short", "downloads"]) $(id).hidden = true;
    $("warnings").replaceChildren();
    $("download-links").replaceChildren();
    $("status").textContent = "";
  }

  function placeAnswer(tab) {
    const yasr = tab && tab.getYasr();
    if (yasr) yasr.rootEl.before($("answer"));
  }

  function shareUrl(text) {
    if (data.shortId && text === data.initialQuery) return location.origin + "/q/" + data.shortId;
    return location.origin + "/?query=" + encodeURIComponent(text);
  }

  function showShare(text) {
    const url = shareUrl(text);
    $("share-link").href = url;
    $("share-url").value = url;
    $("share").hidden = false;
    $("short").hidden = true;
    if (location.href !== url) history.pushState(null, "", url);
  }

  function showDownloads(text, formats) {
    const box = $("download-links");
    formats.forEach(([fmt, label], i) => {
      if (i) box.appendChild(document.createTextNode(" · "));
      const a = el("a", label);
      a.href = data.endpoint + "?" + new URLSearchParams({ query: text, format: fmt, download: "1" }).toString();
      a.setAttribute("download", "");
      a.dataset.format = fmt;
      box.appendChild(a);
    });
    $("downloads").hidden = false;
  }

  // A header sent as UTF-8 bytes reaches the page read as Latin-1 ("Ã©" for "é"): read such bytes as UTF-8 again
  function headerText(value) {
    if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
    return new TextDecoder().decode(Uint8Array.from(value, (c) => c.charCodeAt(0)));
  }

  // X-JWC-Warnings: a JSON array of strings; anything else is ignored
  function warningsOf(response) {
    const header = response.headers.get("X-JWC-Warnings");
    if (!header) return [];
    try {
      const parsed = JSON.parse(headerText(header));
      return Array.isArray(parsed) ? parsed.filter((w) => typeof w === "string") : [];
    } catch (err) {
      return [];
    }
  }

  function showWarnings(warnings) {
    const list = $("warnings");
    for (const w of warnings) list.appendChild(el("li", w));
    list.hidden = warnings.length === 0;
  }

  function showError(answer) {
    const response = answer.response;
    $("status").textContent = "The server could not answer (" + response.status + ").";
    const line = parseInt(response.headers.get("X-JWC-Error-Line") || "", 10);
    const column = parseInt(response.headers.get("X-JWC-Error-Column") || "", 10);
    if (!Number.isInteger(line)) return;
    const at = jwcEditor.markError(answer.yasqe, line, Number.isInteger(column) ? column : 1, answer.content.trim());
    if (at) {
      $("error-at").textContent = "The error is marked in the editor: line " + at.line + ", column " + at.column + ".";
      $("error-at").hidden = false;
    }
  }

  function showResult(answer) {
    const response = answer.response;
    const seconds = answer.seconds.toFixed(2);
    const cut = response.headers.get("X-JWC-Truncated") === "true"
      ? ", cut at the server's limit of " + response.headers.get("X-JWC-Row-Limit") + " rows" : "";
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      const doc = JSON.parse(answer.content);
      if ("boolean" in doc) {
        $("status").textContent = "Answer: " + (doc.boolean ? "yes" : "no") + " (" + seconds + " s)";
      } else {
        const n = doc.results.bindings.length;
        $("status").textContent = n + (n === 1 ? " row" : " rows") + " in " + seconds + " s" + cut;
      }
      showDownloads(answer.text, RESULT_FORMATS);
    } else {
      $("status").textContent = "A graph in " + seconds + " s" + cut;
      showDownloads(answer.text, GRAPH_FORMATS);
    }
  }

  function onAnswer(answer) {
    const tab = yasgui && yasgui.getTab();
    if (!tab || tab.getYasqe() !== answer.yasqe) return; // a tab no longer shown
    if (answer.phase === "running") {
      reset();
      placeAnswer(tab);
      $("status").textContent = "Running…";
      showShare(answer.text);
      return;
    }
    if (answer.phase === "stopped") {
      $("status").textContent = "Stopped.";
      return;
    }
    if (answer.phase === "failed") {
      $("status").textContent = "Could not reach the server: " + answer.error.message;
      return;
    }
    showWarnings(warningsOf(answer.response));
    if (answer.response.ok) showResult(answer);
    else showError(answer);
    remember(answer.text);
  }

  // --- short links -----------------------------------------------------------------------------------------

  async function shorten(text) {
    const resp = await fetch("/q", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({ query: text }),
    });
    if (!resp.ok) throw new Error((await resp.text()).trim() || "the server kept no short link");
    return resp.json();
  }

  async function showShortLink() {
    $("shorten").disabled = true;
    try {
      const link = await shorten(currentQuery());
      const url = location.origin + link.path;
      $("short-url").value = url;
      $("short-link").href = link.path;
      $("short-error").hidden = true;
      $("short-url").hidden = false;
      $("short").hidden = false;
      $("short-url").select();
    } catch (err) {
      $("short-error").textContent = err.message;
      $("short-error").hidden = false;
      $("short-url").hidden = true;
      $("short").hidden = false;
    } finally {
      $("shorten").disabled = false;
    }
  }

  // --- recent queries (kept in this browser's localStorage, as YASGUI keeps its tabs) ----------------------

  function history_() {
    try {
      const list = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(list) ? list.filter((h) => h && typeof h.text === "string") : [];
    } catch (err) {
      return [];
    }
  }

  function remember(text) {
    const list = [{ text: text, at: new Date().toISOString() }].concat(history_().filter((h) => h.text !== text));
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(0, HISTORY_SIZE)));
    } catch (err) {
      // storage full or switched off: the list is only a convenience
    }
    showHistory();
  }

  function summary(text) {
    const title = /^#\s*title:\s*(.+)$/m.exec(text);
    if (title) return title[1].trim();
    const line = text.split("\n").map((l) => l.trim()).find((l) => l && !/^(PREFIX|BASE)\b/i.test(l) && l[0] !== "#");
    const words = line || text.trim();
    return words.length > 90 ? words.slice(0, 89) + "…" : words;
  }

  function showHistory() {
    const list = history_();
    const box = $("history-list");
    box.replaceChildren();
    for (const h of list) {
      const item = el("li");
      const open = el("button", summary(h.text), "linklike history-item");
      open.type = "button";
      open.title = h.text;
      open.addEventListener("click", () => setQuery(h.text));
      item.appendChild(open);
      item.appendChild(el("span", " " + h.at.slice(0, 16).replace("T", " "), "muted"));
      box.appendChild(item);
    }
    $("history").hidden = list.length === 0;
  }

  // --- the editor ------------------------------------------------------------------------------------------

  yasgui = jwcEditor.create($("yasgui"), data, {
    startQuery: START,
    onAnswer: onAnswer,
    shortLink: (yasqe) => shorten(yasqe.getValue()).then((link) => location.origin + link.path),
  });

  function currentQuery() {
    return yasgui.getTab().getQuery();
  }

  function setQuery(text) {
    yasgui.getTab().setQuery(text);
  }

  // Open `text` in a tab: the tab that already holds it, else the current one if it holds only the start
  // query, else a new tab; then run it.
  function openAndRun(text) {
    const ids = yasgui.persistentConfig.getTabs();
    const holding = ids.find((id) => yasgui.getTab(id) && yasgui.persistentConfig.getTab(id).yasqe.value === text);
    if (holding) {
      yasgui.selectTabId(holding);
    } else if (currentQuery().trim() === "" || currentQuery() === START) {
      setQuery(text);
    } else {
      yasgui.addTab(true, { yasqe: { value: text } });
    }
    const match = data.examples.find((e) => e.text === text);
    if (match) {
      $("example").value = match.name;
      showExample(match);
    }
    yasgui.getTab().query().catch(() => {});
  }

  function showExample(q) {
    $("example-about").hidden = !q;
    if (!q) return;
    $("example-question").textContent = q.question;
    $("example-description").textContent = q.description;
  }

  $("example").addEventListener("change", () => {
    const q = data.examples.find((e) => e.name === $("example").value);
    showExample(q);
    if (q) setQuery(q.text);
  });
  $("shorten").addEventListener("click", showShortLink);
  $("clear-history").addEventListener("click", () => {
    localStorage.removeItem(HISTORY_KEY);
    showHistory();
  });
  yasgui.on("tabSelect", (instance, id) => {
    reset();
    placeAnswer(yasgui.getTab(id));
  });
  window.addEventListener("popstate", () => {
    const text = new URLSearchParams(location.search).get("query");
    if (text !== null) openAndRun(text);
  });

  placeAnswer(yasgui.getTab());
  showHistory();
  if (data.initialQuery !== null) openAndRun(data.initialQuery);
})();
