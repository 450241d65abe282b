/* bantin charts: draws every chart of the page with ECharts.
 *
 * Each chart is a <div class="chart-canvas" id="ID"> followed by a
 * non-executing <script type="application/json" id="ID-data"> block written
 * by bantin (internal/chart): {height, format, target?, option}. The pages'
 * Content-Security-Policy runs no inline script, so this file, loaded with
 * defer on pages that have charts, does the start-up: it reads each block,
 * puts this file's functions where the option names them ("formatter":
 * "num"), and draws the chart with the SVG renderer.
 *
 * The charting library never delays the page (issue 14): the text, figures
 * and tables (each chart's data is also a table) paint first, and this file
 * loads assets/echarts/echarts.min.js (named by its data-echarts attribute)
 * only once a chart comes within 200 px of the screen, and draws each chart
 * as it does. A page read on a phone without scrolling to its charts never
 * downloads or runs the library. Printing draws every chart first.
 *
 * Numbers read like the page around the chart: the decimal mark, digit
 * grouping and scale words (2,7 triệu / 2.7 million) come from the block.
 */
(function () {
  "use strict";

  // numberFormat returns fmt(v, u): v written the way f says, then u.
  // Under the smallest scale in full (grouped digits, at most two
  // decimals); from there up divided by the largest scale reached, with at
  // most three significant digits and the scale's word; "-" for anything
  // that is not a finite number (a gap).
  function numberFormat(f) {
    var S = f.scales || [], D = f.decimal, G = f.group;
    return function (v, u) {
      if (typeof v !== "number" || !isFinite(v)) { return "-"; }
      var a = Math.abs(v), w = "", d = 2, s, i, ip, fp, g;
      if (S.length && a >= S[S.length - 1].factor) {
        a = Number(a.toPrecision(3));
        for (i = 0; i < S.length; i++) {
          if (a >= S[i].factor) { a = a / S[i].factor; w = " " + S[i].word; break; }
        }
        d = a < 10 ? 2 : a < 100 ? 1 : 0;
      }
      s = a.toFixed(d);
      if (s.indexOf("e") >= 0) { return (v < 0 ? "-" : "") + s + w + u; }
      i = s.indexOf(".");
      ip = i < 0 ? s : s.slice(0, i);
      fp = i < 0 ? "" : s.slice(i + 1);
      while (fp.length && fp.charAt(fp.length - 1) === "0") { fp = fp.slice(0, -1); }
      g = "";
      while (ip.length > 3) { g = G + ip.slice(-3) + g; ip = ip.slice(0, -3); }
      ip = ip + g;
      return (v < 0 && (ip !== "0" || fp) ? "-" : "") + ip + (fp ? D + fp : "") + w + u;
    };
  }

  // ceil rounds an axis maximum up to a round number (1, 1.2, 1.5, 2, 2.5,
  // 3, 4, 5, 6, 8 times a power of ten) with 5% headroom, so a target above
  // the data sits inside the chart with a readable top label.
  function ceil(x) {
    if (!(x > 0)) { return x; }
    x = x * 1.05;
    var p = Math.pow(10, Math.floor(Math.log10(x))), n = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100], i;
    for (i = 0; i < n.length; i++) { if (n[i] * p / 10 >= x) { return n[i] * p / 10; } }
    return 10 * p;
  }

  // hooks are the functions an option may name, for one chart's data.
  function hooks(d) {
    var fmt = numberFormat(d.format), suffix = d.format.suffix || "", target = d.target;
    var num = function (v) { return fmt(v, suffix); };
    var pct = function (v) { return typeof v === "number" ? fmt(Math.round(v * 10) / 10, "%") : "-"; };
    return {
      num: num,
      targetLabel: function (p) { return (p.name ? p.name + ": " : "") + num(p.value); },
      targetMax: function (e) { return e.max < target ? ceil(target) : null; },
      donutLabel: function (p) { return p.name + ": " + pct(p.percent); },
      donutTooltip: function (p) {
        return p.marker + echarts.format.encodeHTML(p.name) + ": " + num(p.value) + " (" + pct(p.percent) + ")";
      }
    };
  }

  // hookKeys are the only keys whose string values may name a hook:
  // content (names, categories, descriptions) never sits under them.
  var hookKeys = {formatter: true, valueFormatter: true, max: true};

  // bind replaces, in place, every hook name under a hook key of o.
  function bind(o, h) {
    var k, v;
    if (Array.isArray(o)) {
      for (k = 0; k < o.length; k++) { bind(o[k], h); }
      return o;
    }
    if (o === null || typeof o !== "object") { return o; }
    for (k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) { continue; }
      v = o[k];
      if (typeof v === "string") {
        if (hookKeys[k] === true && Object.prototype.hasOwnProperty.call(h, v)) { o[k] = h[v]; }
      } else {
        bind(v, h);
      }
    }
    return o;
  }

  function draw(el) {
    var block = document.getElementById(el.id + "-data");
    if (!block) { return; }
    var d = JSON.parse(block.textContent);
    if (d.height > 0) { el.style.height = d.height + "px"; }
    var chart = echarts.init(el, null, {renderer: "svg", locale: "EN"});
    chart.setOption(bind(d.option, hooks(d)));
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawSafely(el) {
    if (el.bantinDrawn) { return; }
    el.bantinDrawn = true;
    try {
      draw(el);
    } catch (e) {
      console.error("chart #" + el.id + ": " + e);
    }
  }

  // The library's URL, from this script's data-echarts attribute (with the
  // asset's version, so a new library is never taken from a cache).
  var me = document.currentScript;
  var libURL = me ? me.getAttribute("data-echarts") : null;
  var waiting = null; // callbacks until the library has loaded

  // withECharts runs f once the library is there, loading it the first
  // time. A dynamically added script from the site's own assets/ is what
  // the CSP's script-src 'self' allows.
  function withECharts(f) {
    if (typeof echarts !== "undefined") { f(); return; }
    if (waiting) { waiting.push(f); return; }
    if (!libURL) { console.error("charts.js: no data-echarts attribute names the charting library"); return; }
    waiting = [f];
    var s = document.createElement("script");
    s.src = libURL;
    s.async = true;
    s.onload = function () {
      var w = waiting, i;
      waiting = [];
      for (i = 0; i < w.length; i++) { w[i](); }
    };
    s.onerror = function () { console.error("charts.js: could not load " + libURL); };
    document.head.appendChild(s);
  }

  function drawAll() {
    var els = document.querySelectorAll(".chart-canvas[id]");
    if (!els.length) { return; }
    withECharts(function () {
      for (var i = 0; i < els.length; i++) { drawSafely(els[i]); }
    });
  }

  function start() {
    var els = document.querySelectorAll(".chart-canvas[id]"), i;
    if (!els.length) { return; }
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    window.addEventListener("beforeprint", drawAll);
    var io = new IntersectionObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        if (!entries[j].isIntersecting) { continue; }
        var el = entries[j].target;
        io.unobserve(el);
        withECharts(drawSafely.bind(null, el));
      }
    }, {rootMargin: "200px 0px"});
    for (i = 0; i < els.length; i++) { io.observe(els[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
