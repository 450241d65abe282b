// bantin serve: reloads the page after each good build and shows a failed
// build's errors over the page. Only `bantin serve` injects this script;
// built sites never load it.
(function () {
  "use strict";
  if (!window.EventSource || window.__bantinReload) {
    return;
  }
  window.__bantinReload = true;

  var scrollKey = "bantin-serve-scroll";
  var overlayID = "__bantin-errors";
  var seen = null; // the build this page was loaded from

  // Keep the reader's place across reloads.
  try {
    var saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    sessionStorage.removeItem(scrollKey);
    if (saved && saved.path === location.pathname) {
      var restore = function () { window.scrollTo(saved.x, saved.y); };
      if (document.readyState === "complete") {
        restore();
      } else {
        window.addEventListener("load", restore);
      }
    }
  } catch (e) { /* storage may be disabled */ }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({
        path: location.pathname, x: window.scrollX, y: window.scrollY
      }));
    } catch (e) { /* storage may be disabled */ }
    location.reload();
  }

  function hide() {
    var old = document.getElementById(overlayID);
    if (old) {
      old.parentNode.removeChild(old);
    }
  }

  // The messages are set as text, never as HTML: they quote the sources.
  function show(errors) {
    hide();
    var box = document.createElement("div");
    box.id = overlayID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;top:0;left:0;right:0;max-height:60vh;overflow:auto;" +
      "z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#600;" +
      "border-bottom:3px solid #c00;box-shadow:0 2px 12px rgba(0,0,0,.25);" +
      "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.style.cssText = "float:right;font:20px/1 sans-serif;background:none;border:0;color:inherit;cursor:pointer";
    close.onclick = hide;
    var title = document.createElement("strong");
    title.textContent = "bantin: " + errors.length + (errors.length === 1 ? " error" : " errors") +
      " \u2014 showing the last good build";
    var list = document.createElement("ul");
    list.style.cssText = "margin:8px 0 0;padding-left:20px;white-space:pre-wrap;word-break:break-word";
    for (var i = 0; i < errors.length; i++) {
      var item = document.createElement("li");
      item.textContent = String(errors[i]);
      list.appendChild(item);
    }
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  function data(e) {
    try {
      return JSON.parse(e.data) || {};
    } catch (err) {
      return {};
    }
  }

  var source = new EventSource("/__bantin/events");
  source.addEventListener("hello", function (e) {
    var build = data(e).build || "";
    if (seen !== null && build !== seen) {
      reload(); // rebuilt (or restarted) while this page was not listening
      return;
    }
    seen = build;
  });
  // A rebuild that changed other pages only moves this page's build on:
  // it is current as it is.
  source.addEventListener("reload", function (e) {
    var d = data(e);
    if (d.all || !d.pages || d.pages.indexOf(location.pathname) >= 0) {
      reload();
      return;
    }
    hide();
    seen = d.build || seen;
  });
  source.addEventListener("build-error", function (e) { show(data(e).errors || []); });
})();
