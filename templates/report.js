/* edakit report: progressive enhancement only. The page is complete without this script; it adds
   a column filter, expand/collapse all, sorting by clicking table headers, a contents list that follows the
   reading position, and opens every detail for printing. It touches only its own report (the .edakit element
   around it), so two reports in one notebook do not interfere, and it makes no network request.
   (Inlined by report.html.j2 through Jinja: this file must not contain Jinja delimiters nor a closing script tag.) */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script && script.closest(".edakit");
  if (!root) {  /* a notebook may run the script detached from its report: take the newest report not yet set up */
    var fresh = Array.prototype.filter.call(document.querySelectorAll(".edakit:not(.ek-js)"), function (el) {
      return el.querySelector(".ek-layout");
    });
    root = fresh[fresh.length - 1];
  }
  if (!root || root.classList.contains("ek-js")) return;
  root.classList.add("ek-js");

  function all(selector, within) {
    return Array.prototype.slice.call((within || root).querySelectorAll(selector));
  }
  function one(selector) {
    return root.querySelector(selector);
  }

  all("[data-ek-js-only]").forEach(function (el) { el.hidden = false; });

  /* ---- contents: a sticky sidebar when wide, a collapsible bar when narrow (the CSS decides which) ---- */
  var layout = one(".ek-layout");
  var tocBox = one(".ek-toc-box");
  var tocNav = one(".ek-toc");
  var isNarrow = null;
  function narrow() {
    return getComputedStyle(layout).getPropertyValue("--ek-narrow").trim() === "1";
  }
  function fitContents() {
    var now = narrow();
    if (now === isNarrow) return;
    isNarrow = now;
    tocBox.open = !now;
    var summary = tocBox.querySelector("summary");
    if (now) summary.removeAttribute("tabindex");
    else summary.setAttribute("tabindex", "-1");  /* a label on wide screens, not a control */
  }
  if (layout && tocBox) {
    fitContents();
    window.addEventListener("resize", fitContents);
    tocBox.addEventListener("toggle", function () {
      if (!isNarrow && !tocBox.open) tocBox.open = true;
    });
    tocBox.addEventListener("click", function (event) {
      if (isNarrow && event.target.closest && event.target.closest("a")) tocBox.open = false;
    });
  }

  /* ---- contents: mark the part being read ---- */
  var linkFor = {};
  var targets = [];
  all(".ek-toc a[href^='#']").forEach(function (a) {
    var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (target && root.contains(target)) {
      linkFor[target.id] = a;
      targets.push(target);
    }
  });
  var current = null;
  function markCurrent(target) {
    if (target === current) return;
    if (current) linkFor[current.id].removeAttribute("aria-current");
    current = target;
    var link = linkFor[target.id];
    link.setAttribute("aria-current", "true");
    if (!isNarrow && tocNav && tocNav.scrollHeight > tocNav.clientHeight) {
      var box = tocNav.getBoundingClientRect();
      var at = link.getBoundingClientRect();
      if (at.top < box.top + 40 || at.bottom > box.bottom - 40) {
        tocNav.scrollTop += at.top - box.top - box.height / 3;
      }
    }
  }
  /* the part being read is the last one that starts above a reading line near the top of the window */
  var pending = false;
  function followReading() {
    pending = false;
    var line = Math.min(220, window.innerHeight * 0.25);
    var last = null;
    for (var i = 0; i < targets.length; i++) {
      var t = targets[i];
      if (t.hidden || !t.offsetParent) continue;
      if (t.getBoundingClientRect().top <= line) last = t;
    }
    /* at the end of the page the last parts never reach the line: the one a link led to (in view) is being read */
    var end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    var linked = end && location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (linked && linkFor[linked.id] && linked.getBoundingClientRect().top < window.innerHeight) last = linked;
    markCurrent(last || targets[0]);
  }
  if (targets.length) {
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(followReading);
      }
    }, { passive: true });
    followReading();
    window.addEventListener("hashchange", followReading);  /* the page may not scroll when the link's target is in view */
  }

  /* ---- column filter: by name (substring) or role; several terms separated by commas ---- */
  var input = one(".ek-toolbar input[type=search]");
  var count = one(".ek-filter-count");
  var empty = one(".ek-empty-filter");
  var filterable = all("article.ek-column, .ek-toc-cols > li, .ek-glance tbody tr");
  var cards = all("article.ek-column");
  function matches(el, terms) {
    if (!terms.length) return true;
    var name = el.getAttribute("data-ek-name") || "";
    var role = el.getAttribute("data-ek-role") || "";
    return terms.some(function (t) { return name.indexOf(t) >= 0 || role === t; });
  }
  function applyFilter() {
    var terms = input.value.toLowerCase().split(",").map(function (t) { return t.trim(); }).filter(Boolean);
    filterable.forEach(function (el) { el.hidden = !matches(el, terms); });
    var shown = cards.filter(function (c) { return !c.hidden; }).length;
    if (count) count.textContent = shown + " of " + cards.length + " columns";
    if (empty) empty.hidden = shown > 0;
  }
  if (input) {
    input.addEventListener("input", applyFilter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        input.value = "";
        applyFilter();
      }
    });
    if (input.value) applyFilter();  /* a value restored by the browser on reload */
  }
  /* following a link to a column hidden by the filter clears the filter */
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (input && target && root.contains(target) && target.closest("[hidden]")) {
      input.value = "";
      applyFilter();
      target.scrollIntoView();
    }
  });

  /* ---- expand / collapse every detail ---- */
  function details() {
    return all(".ek-main details");
  }
  root.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ek-expand], [data-ek-collapse]");
    if (!button) return;
    var open = button.hasAttribute("data-ek-expand");
    details().forEach(function (d) { d.open = open; });
  });

  /* ---- tables that scroll in their own box: make the box reachable by keyboard when it does ---- */
  function fitScrollers() {
    all(".ek-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
        if (!box.hasAttribute("tabindex")) {
          var caption = box.querySelector("caption");
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", (caption ? caption.textContent.trim() : "Table") + " (scrollable)");
        }
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  fitScrollers();
  window.addEventListener("resize", fitScrollers);
  root.addEventListener("toggle", function (event) {
    if (event.target.classList && event.target.classList.contains("ek-details")) fitScrollers();
  }, true);

  /* ---- sort tables by clicking a column header ---- */
  function sortKey(cell) {
    var raw = cell.getAttribute("data-ek-sort");
    if (raw === null && cell.classList.contains("ek-num") && cell.title) {
      var fromTitle = parseFloat(cell.title);
      if (!isNaN(fromTitle) && /^\s*-?[\d.]/.test(cell.title)) raw = cell.title;
    }
    var text = raw === null ? cell.textContent.trim() : raw;
    var clean = text.replace(/\u2212/g, "-").replace(/,/g, "").replace(/\u00a0|\u202f/g, " ").trim();
    if (clean === "" || clean === "\u2014" || clean === "undefined") return { missing: true, text: "" };
    var m = /^([<>\u2264\u2265]?)\s*(-?\d*\.?\d+(?:e[-+]?\d+)?)/i.exec(clean);
    if (m) {
      var n = parseFloat(m[2]);
      if (m[1] === "<" || m[1] === "\u2264") n -= Math.abs(n) * 1e-9 + 1e-300;
      return { number: n, text: text };
    }
    if (clean === "\u221e") return { number: Infinity, text: text };
    if (clean === "-\u221e") return { number: -Infinity, text: text };
    return { text: text };
  }
  var collator = window.Intl ? new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }) : null;
  function compareText(a, b) {
    return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    all("thead th", table).forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: sortKey(row.cells[index]), i: i }; });
    var numeric = keyed.every(function (k) { return k.key.missing || k.key.number !== undefined; });
    keyed.sort(function (a, b) {
      if (a.key.missing || b.key.missing) return (a.key.missing ? 1 : 0) - (b.key.missing ? 1 : 0) || a.i - b.i;
      var c = numeric ? a.key.number - b.key.number : compareText(a.key.text, b.key.text);
      return (ascending ? c : -c) || a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }
  all(".ek-glance, .ek-section table.ek-table").forEach(function (table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || head.rows.length !== 1 || !body) return;
    if (body.rows.length < (table.classList.contains("ek-glance") ? 2 : 6)) return;  /* short tables: nothing to sort */
    var width = head.rows[0].cells.length;
    var regular = Array.prototype.every.call(body.rows, function (r) { return r.cells.length === width; });
    if (!regular) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ek-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      if (th.title) {
        button.title = th.title + " (click to sort)";
        th.removeAttribute("title");
      } else {
        button.title = "Sort by this column";
      }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  });

  /* ---- a link into folded content (a glossary term, a finding's evidence) opens the details around it ---- */
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target || !root.contains(target)) return;
    for (var d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  }
  root.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) reveal(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));

  /* ---- print: every detail open, then back as it was ---- */
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = details().filter(function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });
})();
