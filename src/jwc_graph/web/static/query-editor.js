// YASGUI set up for this server: every query goes to this server's /sparql, completion asks this server's
// /search (never Linked Open Vocabularies or prefix.cc), the project's IRIs in results link to this server's
// pages, and the answer's headers (error position, warnings, row cut) reach the page. It patches a few of
// YASGUI's own functions (named below); static/yasgui/README.md says what to re-check when YASGUI is updated.
"use strict";

window.jwcEditor = (function () {
  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;
  let data = null;
  let onAnswer = () => {};

  // --- names: CURIEs and this server's pages ---------------------------------------------------------------

  function curie(iri, declared) {
    const all = Object.entries(declared || {}).concat(Object.entries(data.prefixes));
    let best = null;
    for (const [prefix, ns] of all) {
      if (ns && iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) {
        best = [prefix, ns];
      }
    }
    const local = best ? iri.slice(best[1].length) : "";
    // a local name with characters a CURIE cannot hold stays a full IRI
    return best && /^[\w.-]*$/.test(local) ? best[0] + ":" + local : null;
  }

  function pageOf(iri) {
    if (Object.prototype.hasOwnProperty.call(data.graphPages, iri)) return data.graphPages[iri];
    for (const [ns, path] of data.pages) {
      if (iri.startsWith(ns) && iri.length > ns.length) {
        const rest = iri.slice(ns.length);
        return path.endsWith("#") ? path + encodeURIComponent(rest)
          : path + rest.split("/").map(encodeURIComponent).join("/");
      }
    }
    return null;
  }

  // YASR's table builds each IRI cell as markup (Table.getUriLinkFromBinding). This one builds it with the DOM,
  // so an IRI or a label cannot add markup: the project's IRIs open this server's page, http(s) IRIs elsewhere
  // open in a new tab, and anything else (javascript:, data:, ...) is text, never a link.
  function iriCell(binding, prefixes) {
    const iri = binding.value;
    const short = curie(iri, prefixes);
    const local = pageOf(iri);
    let node;
    if (local || /^https?:/i.test(iri)) {
      node = document.createElement("a");
      node.className = "iri";
      node.href = local || iri;
      if (!local) {
        node.target = "_blank";
        node.rel = "noopener noreferrer";
      }
    } else {
      node = document.createElement("span");
      node.className = "iri";
    }
    node.textContent = short || "<" + iri + ">";
    node.title = iri;
    return node.outerHTML;
  }

  // --- completion ------------------------------------------------------------------------------------------

  const hintLabels = new Map(); // IRI -> what /search said of it (its label, and the name it matched)
  const searches = new Map(); // "kinds text" -> the IRIs found, kept for the last 200 words asked

  function search(text, kinds) {
    if (text.length > data.searchMax) return Promise.resolve([]); // the server would refuse it
    const key = kinds + " " + text;
    if (!searches.has(key)) {
      const params = new URLSearchParams({ q: text, kind: kinds, limit: "30" });
      const found = fetch("/search?" + params.toString(), { headers: { Accept: "application/json" } })
        .then((r) => {
          if (!r.ok) throw new Error("search answered " + r.status);
          return r.json();
        })
        .then((doc) => {
          if (hintLabels.size > 5000) hintLabels.clear();
          for (const item of doc.results) hintLabels.set(item.iri, item);
          return doc.results.map((item) => item.iri);
        })
        .catch(() => {
          searches.delete(key); // a busy server is asked again next time
          return [];
        });
      searches.set(key, found);
      if (searches.size > 200) searches.delete(searches.keys().next().value);
    }
    return searches.get(key);
  }

  // What to ask /search for the word at the cursor: a CURIE in the project's prefixes, an IRI, or the word.
  function searchText(yasqe, token) {
    const word = token.string.trim().replace(/^</, "").replace(/>$/, "");
    const m = /^([A-Za-z][\w.-]*)?:(.*)$/.exec(word);
    if (!m || /^https?$/i.test(m[1] || "")) return word;
    const declared = yasqe.getPrefixesFromQuery()[m[1] || ""];
    const ns = declared || data.prefixes[m[1]];
    if (!ns) return word;
    const ours = Object.entries(data.prefixes).find(([, iri]) => iri === ns);
    return ours ? ours[0] + ":" + m[2] : ns + m[2];
  }

  const suggested = new Map(); // text a hint inserts -> the IRI it stands for

  function completer(base, name, kinds, needsPrefix) {
    return {
      ...base,
      name: name,
      bulk: false,
      autoShow: true,
      persistenceId: null,
      isValidCompletionPosition: function (yasqe) {
        if (base.isValidCompletionPosition && !base.isValidCompletionPosition(yasqe)) return false;
        const token = yasqe.getCompleteToken();
        const word = token.string.trim();
        if (!word || word[0] === "?" || word[0] === "$" || token.state.inPrefixDecl) return false;
        return !needsPrefix || word.indexOf(":") > 0 || word[0] === "<";
      },
      preProcessToken: (yasqe, token) => token,
      get: (yasqe, token) => {
        const word = token ? token.string.trim() : "";
        if (!word) return [];
        // the word itself, once complete, is not offered again (after a pick the list would reopen with it)
        return search(searchText(yasqe, token), kinds).then((iris) => iris.filter((iri) =>
          (curie(iri, yasqe.getPrefixesFromQuery()) || "<" + iri + ">") !== word));
      },
      postProcessSuggestion: (yasqe, token, iri) => {
        const text = curie(iri, yasqe.getPrefixesFromQuery()) || "<" + iri + ">";
        suggested.set(text, iri);
        return text;
      },
      postprocessHints: (yasqe, hints) => hints.map((hint) => {
        const found = hintLabels.get(suggested.get(hint.text));
        hint.className = "jwc-hint";
        hint.render = (element) => {
          const term = document.createElement("span");
          term.className = "jwc-hint-name";
          term.textContent = hint.text;
          element.appendChild(term);
          if (found && found.label && found.label !== hint.text) {
            const label = document.createElement("span");
            label.className = "jwc-hint-label";
            label.textContent = found.label + (found.matched ? " (" + found.matched + ")" : "");
            element.appendChild(label);
          }
        };
        return hint;
      }),
    };
  }

  const CLASS_POSITION = ["a", "rdf:type", "rdfs:domain", "rdfs:range"];

  function entityPosition(yasqe) {
    // where neither a property nor a class is expected: a subject or an object
    const token = yasqe.getCompleteToken();
    if (token.state.possibleCurrent.indexOf("a") >= 0) return false;
    const previous = yasqe.getPreviousNonWsToken(yasqe.getDoc().getCursor().line, token);
    if (previous && previous.string.toUpperCase() === "PREFIX") return false;
    return !(previous && CLASS_POSITION.includes(previous.state.lastProperty));
  }

  function registerCompleters() {
    const prefixList = Object.entries(data.prefixes).map(([p, iri]) => p + ": <" + iri + ">").sort();
    Yasqe.registerAutocompleter({ ...Yasqe.Autocompleters.prefixes, get: prefixList, persistenceId: null });
    Yasqe.registerAutocompleter(completer(Yasqe.Autocompleters.class, "class", "class", false));
    Yasqe.registerAutocompleter(completer(Yasqe.Autocompleters.property, "property", "property", false));
    Yasqe.registerAutocompleter(
      completer({ isValidCompletionPosition: entityPosition }, "entity", "entity,concept", true));
  }

  // --- running a query -------------------------------------------------------------------------------------

  // Yasqe.prototype.query as YASQE has it (sparql.ts executeQuery), but to this server's endpoint only, and
  // keeping the answer's status and headers, which YASQE drops on an error.
  async function run(yasqe) {
    const started = Date.now();
    const config = Yasqe.Sparql.getAjaxConfig(yasqe, {});
    if (!config) return undefined;
    yasqe.emit("queryBefore", yasqe, config);
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(config.args)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    const controller = new AbortController();
    const request = new Request(data.endpoint, {
      method: "POST",
      headers: { Accept: config.accept, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      signal: controller.signal,
    });
    yasqe.emit("query", request, controller);
    const text = body.get("query") || "";
    onAnswer({ phase: "running", yasqe: yasqe, text: text });
    let response;
    try {
      response = await fetch(request);
      const content = await response.text();
      const seconds = (Date.now() - started) / 1000;
      const answer = { phase: "done", yasqe: yasqe, text: text, response: response, content: content, seconds };
      if (response.ok) {
        const summary = {
          ok: true, status: response.status, statusText: response.statusText,
          headers: response.headers, type: response.type, content: content,
        };
        yasqe.emit("queryResponse", summary, Date.now() - started);
        yasqe.emit("queryResults", content, Date.now() - started);
      } else {
        yasqe.emit("queryResponse", new Error(content.trim() || response.statusText), Date.now() - started);
      }
      onAnswer(answer);
      return response;
    } catch (err) {
      if (controller.signal.aborted) {
        onAnswer({ phase: "stopped", yasqe: yasqe, text: text });
        return undefined;
      }
      yasqe.emit("queryResponse", new Error("Could not reach the server: " + err.message), Date.now() - started);
      onAnswer({ phase: "failed", yasqe: yasqe, text: text, error: err });
      return undefined;
    }
  }

  // --- marking the server's error in the editor ------------------------------------------------------------

  const marks = new WeakMap();

  function clearMark(yasqe) {
    const old = marks.get(yasqe);
    if (!old) return;
    old.text && old.text.clear();
    yasqe.removeLineClass(old.line, "background", "jwc-error-line");
    marks.delete(yasqe);
  }

  // line and column are 1-based and count characters (code points) of the text as sent
  function markError(yasqe, line, column, message) {
    clearMark(yasqe);
    const doc = yasqe.getDoc();
    if (!(line >= 1 && line <= doc.lineCount())) return null;
    const text = doc.getLine(line - 1);
    const chars = Array.from(text);
    const col = Math.min(Math.max(column || 1, 1), chars.length + 1);
    let start = chars.slice(0, col - 1).join("").length;
    let end = start;
    if (start >= text.trimEnd().length) {
      // past the line's last character (the text stops where more was expected): mark that last character
      start = Math.max(text.trimEnd().length - 1, 0);
      end = text.trimEnd().length;
    } else {
      while (end < text.length && /[^\s{}().;,]/.test(text[end])) end++;
      if (end === start) end = start + 1;
    }
    const handle = yasqe.addLineClass(line - 1, "background", "jwc-error-line");
    const mark = end > start
      ? doc.markText({ line: line - 1, ch: start }, { line: line - 1, ch: end },
        { className: "jwc-error-mark", title: message })
      : null;
    const gutter = document.createElement("span");
    gutter.className = "jwc-error-gutter";
    gutter.textContent = "!";
    gutter.title = message;
    yasqe.setGutterMarker(line - 1, "gutterErrorBar", gutter);
    marks.set(yasqe, { line: handle, text: mark });
    yasqe.on("change", function clear() {
      yasqe.off("change", clear);
      clearMark(yasqe);
    });
    yasqe.scrollIntoView({ line: line - 1, ch: start }, 40);
    return { line: line, column: col };
  }

  // --- the editor ------------------------------------------------------------------------------------------

  // The server adds the project's prefixes to a query that uses them undeclared, so the editor's SPARQL mode
  // starts knowing them too: YASQE's syntax check then takes `jo:tdh` as written, and the table shortens IRIs.
  function knowProjectPrefixes() {
    const factory = Yasqe.modes.sparql11;
    Yasqe.defineMode("sparql11", function (config, parserConfig) {
      const mode = factory(config, parserConfig);
      const startState = mode.startState;
      mode.startState = function () {
        const state = startState.apply(this, arguments);
        Object.assign(state.prefixes, data.prefixes);
        return state;
      };
      return mode;
    });
  }

  function create(element, pageData, options) {
    data = pageData;
    onAnswer = options.onAnswer || onAnswer;
    registerCompleters();
    knowProjectPrefixes();
    Yasqe.prototype.query = function () {
      return run(this);
    };
    Yasr.plugins.table.prototype.getUriLinkFromBinding = iriCell;
    // YASGUI's share button would put the tab's whole set-up in the URL's fragment; this page's link is the query
    Yasgui.Tab.prototype.getShareableLink = function () {
      return location.origin + "/?query=" + encodeURIComponent(this.getQuery());
    };
    const endpoint = location.origin + data.endpoint;
    return new Yasgui(element, {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      populateFromUrl: false,
      autofocus: false,
      corsProxy: undefined,
      endpointCatalogueOptions: { getData: () => [], keys: [] },
      tabName: "Query",
      yasqe: {
        value: options.startQuery,
        createShortLink: options.shortLink,
        prefixCcApi: null,
        editorHeight: "320px",
      },
      yasr: { prefixes: data.prefixes, defaultPlugin: "table", pluginOrder: ["table", "response"] },
    });
  }

  return { create: create, markError: markError, clearMark: clearMark, curie: curie, pageOf: pageOf };
})();
