/* bantin chart tools: lets every chart leave the site (issue 12).
 *
 * Beside each chart the page has a toolbar (templates/partials.html,
 * "chart-tools"): its data as CSV and JSON, a citation and the code of its
 * embed are plain links and text, and work without JavaScript. This file
 * adds what needs a script:
 *
 *   - PNG and SVG downloads of the picture, drawn in the browser, offline,
 *     by the site's own ECharts: SVG with renderToSVGString() of the chart
 *     as drawn (charts.js draws with the SVG renderer), PNG by drawing the
 *     same option again with the canvas renderer, off screen, and
 *     getDataURL({type: "png"}). The buttons are hidden until this file
 *     shows them, so a reader without JavaScript is offered none.
 *   - Copy buttons for the citation and the embed code.
 *   - On an embed page (<figure data-embed>), the options of its query
 *     (?type=bar&from=2023-Q1&to=2024-Q4&height=400), the same a chart
 *     shortcode takes, so that an embed shows an article's picture.
 *
 * It is loaded with defer, like echarts.min.js and charts.js, and does not
 * depend on their order: the embed options rewrite a chart's data block
 * when charts.js has not drawn it yet, and update the drawn chart when it
 * has; the buttons look the chart up when clicked
 * (echarts.getInstanceByDom). The pages' Content-Security-Policy runs no
 * inline script: nothing here needs one.
 *
 * Each download also dispatches a "bantin:chartdownload" event on the
 * document, detail {chart, format, name, url}, for tests and for sites
 * that count downloads.
 */
(function () {
  "use strict";
  if (window.bantinChartTools) { return; }
  window.bantinChartTools = true;

  // ---- Embed options ------------------------------------------------------

  // embedOptions reads the query of an embed page: only the names and
  // values a chart shortcode accepts; anything else is ignored.
  function embedOptions() {
    var o = {}, q = new URLSearchParams(window.location.search), v;
    v = q.get("type");
    if (v === "line" || v === "bar") { o.type = v; }
    v = q.get("from");
    if (v && /^[0-9A-Za-z-]+$/.test(v)) { o.from = v; }
    v = q.get("to");
    if (v && /^[0-9A-Za-z-]+$/.test(v)) { o.to = v; }
    v = parseInt(q.get("height"), 10);
    if (v >= 160 && v <= 800) { o.height = v; }
    return o;
  }

  // keep reports whether a category key (an ISO period: "2024-Q1",
  // "2024-04", "2024-04-09", "2024") lies in [from, to]. Keys of one
  // series are of one kind, and ISO periods of one kind sort as text.
  function keep(key, o) {
    return (!o.from || key >= o.from) && (!o.to || key <= o.to);
  }

  // narrow applies options o to a chart's data d ({height, option, keys}).
  // It returns false when nothing would be left to draw.
  function narrow(d, o) {
    var i, j, idx = [], x, series = d.option.series || [];
    if (o.height) { d.height = o.height; }
    if ((o.from || o.to) && d.keys) {
      for (i = 0; i < d.keys.length; i++) { if (keep(d.keys[i], o)) { idx.push(i); } }
      if (!idx.length) { return false; }
      x = d.option.xAxis && d.option.xAxis[0];
      if (x && x.data) { x.data = idx.map(function (k) { return x.data[k]; }); }
      for (j = 0; j < series.length; j++) {
        if (series[j].data) { series[j].data = idx.map(function (k) { return series[j].data[k]; }); }
      }
      d.keys = idx.map(function (k) { return d.keys[k]; });
    }
    if (o.type) {
      for (j = 0; j < series.length; j++) {
        if (series[j].type === "line" || series[j].type === "bar") { series[j].type = o.type; }
      }
    }
    return true;
  }

  function applyEmbed() {
    var fig = document.querySelector("figure[data-embed]"), o, el, block, d, chart;
    if (!fig) { return; }
    o = embedOptions();
    if (!o.type && !o.from && !o.to && !o.height) { return; }
    el = fig.querySelector(".chart-canvas[id]");
    block = el && document.getElementById(el.id + "-data");
    if (!block) { return; }
    d = JSON.parse(block.textContent);
    if (!narrow(d, o)) { return; }
    chart = typeof echarts !== "undefined" ? echarts.getInstanceByDom(el) : null;
    if (!chart) {
      // Not drawn yet: charts.js will draw the narrowed data.
      block.textContent = JSON.stringify(d);
      return;
    }
    // Drawn already: change what differs, keeping charts.js's formatters.
    chart.setOption({
      xAxis: d.option.xAxis ? d.option.xAxis.map(function (x) { return x.data ? {data: x.data} : {}; }) : undefined,
      series: (d.option.series || []).map(function (s) { return {type: s.type, data: s.data}; })
    });
    if (d.height > 0) { el.style.height = d.height + "px"; chart.resize(); }
  }

  // ---- Downloads ----------------------------------------------------------

  // save offers url as a file called name, and tells the page.
  function save(url, name, id, format) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    document.dispatchEvent(new CustomEvent("bantin:chartdownload", {detail: {chart: id, format: format, name: name, url: url}}));
  }

  // svgOf is the chart as drawn, as an SVG document.
  function svgOf(chart) {
    if (typeof chart.renderToSVGString === "function") {
      try { return chart.renderToSVGString(); } catch (e) { /* a canvas chart: below */ }
    }
    var u = chart.getDataURL({type: "svg"});
    var i = u.indexOf(",");
    return u.slice(0, i).indexOf("base64") >= 0 ? atob(u.slice(i + 1)) : decodeURIComponent(u.slice(i + 1));
  }

  // pngOf draws the chart's option again with the canvas renderer, off
  // screen and at twice the resolution, on white, and returns it as a
  // PNG data URL.
  function pngOf(chart, el) {
    var box = document.createElement("div"), c, url;
    box.className = "chart-offscreen";
    box.setAttribute("aria-hidden", "true");
    c = echarts.init(box, null, {renderer: "canvas", width: el.clientWidth || 800, height: el.clientHeight || 320, locale: "EN"});
    try {
      c.setOption(chart.getOption());
      url = c.getDataURL({type: "png", pixelRatio: 2, backgroundColor: "#ffffff"});
    } finally {
      c.dispose();
    }
    return url;
  }

  // drawn calls f with the chart drawn in el. charts.js draws a chart (and
  // loads the library) only once it comes near the screen: a chart not yet
  // drawn is brought into view, and waited for up to ten seconds.
  function drawn(el, f) {
    var tries = 0;
    var look = function () {
      var chart = typeof echarts !== "undefined" ? echarts.getInstanceByDom(el) : null;
      if (chart) { f(chart); return; }
      if (tries === 0 && el.scrollIntoView) { el.scrollIntoView({block: "center"}); }
      if (++tries <= 100) { window.setTimeout(look, 100); } else { console.error("chart tools: chart #" + el.id + " was not drawn"); }
    };
    look();
  }

  function download(btn) {
    var id = btn.getAttribute("data-chart"), format = btn.getAttribute("data-format");
    var el = document.getElementById(id);
    if (!el) { return; }
    drawn(el, function (chart) {
      try {
        downloadChart(chart, el, id, format, (btn.getAttribute("data-name") || id) + "." + format);
      } catch (err) {
        console.error("chart tools: " + err);
      }
    });
  }

  function downloadChart(chart, el, id, format, name) {
    if (format === "svg") {
      save("data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgOf(chart)), name, id, format);
    } else if (format === "png") {
      save(pngOf(chart, el), name, id, format);
    }
  }

  // ---- Copy -----------------------------------------------------------------

  function copy(btn) {
    var src = document.getElementById(btn.getAttribute("data-copy")), text, label = btn.textContent;
    if (!src) { return; }
    text = src.value !== undefined && src.tagName === "TEXTAREA" ? src.value : src.textContent;
    var done = function () {
      btn.textContent = btn.getAttribute("data-done") || label;
      window.setTimeout(function () { btn.textContent = label; }, 2000);
    };
    var fallback = function () {
      // Select the text, so the reader can copy it by hand if need be.
      var r;
      if (src.select) { src.select(); } else {
        r = document.createRange();
        r.selectNodeContents(src);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(r);
      }
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* selected: enough */ }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  // ---- Start ----------------------------------------------------------------

  function start() {
    // Scripts run: the buttons that need them can be offered.
    var i, n = document.querySelectorAll(".chart-images[hidden], .chart-copy[hidden]");
    for (i = 0; i < n.length; i++) { n[i].hidden = false; }
    document.addEventListener("click", function (e) {
      var t = e.target && e.target.closest ? e.target.closest("button.chart-dl, button.chart-copy") : null;
      if (!t) { return; }
      e.preventDefault();
      try {
        if (t.classList.contains("chart-dl")) { download(t); } else { copy(t); }
      } catch (err) {
        console.error("chart tools: " + err);
      }
    });
  }

  try {
    applyEmbed();
  } catch (e) {
    console.error("chart tools, embed options: " + e);
  }
  // Start once every deferred script has run (echarts.min.js among them,
  // whichever order the page loads them in): at DOMContentLoaded, or at
  // once when this file comes later than that.
  var started = false;
  var once = function () { if (!started) { started = true; start(); } };
  if (document.readyState === "complete") {
    once();
  } else {
    document.addEventListener("DOMContentLoaded", once);
    window.addEventListener("load", once);
  }
}());
