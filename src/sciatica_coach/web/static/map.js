// Body map: mark places by click, tap, Enter or Space; keep the list of checkboxes in step;
// ask the server for the ranked muscles again after each change. No matching happens here.
(function () {
  "use strict";

  function setUp(picker) {
    var svg = picker.querySelector("svg");
    if (!svg) { return; }
    function box(key) {
      return picker.querySelector('input[name="where"][value="' + key + '"]');
    }
    function show(key, on) {
      var shape = svg.querySelector('.region[data-region="' + key + '"]');
      if (shape) {
        shape.setAttribute("aria-checked", on ? "true" : "false");
        shape.classList.toggle("marked", on);
      }
    }
    function changed() {
      picker.dispatchEvent(new CustomEvent("places-changed", { bubbles: true }));
    }
    function toggle(shape) {
      var key = shape.getAttribute("data-region");
      var input = box(key);
      var on = shape.getAttribute("aria-checked") !== "true";
      if (input) { input.checked = on; }
      show(key, on);
      changed();
    }
    function regionAt(target) {  // a drawn area, or the larger tap target around a small one
      var hit = target.closest(".region-hit[data-hit-for]");
      if (hit) {
        return svg.querySelector('.region[data-region="' + hit.getAttribute("data-hit-for") + '"]');
      }
      return target.closest(".region[data-region]");
    }
    svg.addEventListener("click", function (event) {
      var shape = regionAt(event.target);
      if (!shape) { return; }
      // a tap beside a small area lands on its larger target: the area takes the focus, as a
      // tap on it would (the arrow keys go on from there)
      if (shape !== event.target.closest(".region")) { shape.focus({ preventScroll: true }); }
      toggle(shape);
    });
    svg.addEventListener("keydown", function (event) {
      var shape = event.target.closest(".region[data-region]");
      if (shape && (event.key === "Enter" || event.key === " " || event.key === "Spacebar")) {
        event.preventDefault();
        toggle(shape);
      }
    });
    // the name of the area under the finger or the focus, in a chip beside it (above the
    // finger, which hides what is under it), and said by a screen reader (aria-live)
    var where = picker.querySelector("#map-where");
    var wrap = picker.querySelector(".body-map-wrap");
    function name(shape, x, y) {
      if (!where || !shape) { return; }
      var marked = shape.getAttribute("aria-checked") === "true" ? " (marked)" : "";
      where.textContent = shape.getAttribute("aria-label") + marked;
      if (!wrap || !where.classList.contains("map-chip")) { return; }
      var box = wrap.getBoundingClientRect();
      if (x === undefined) {  // a keyboard: beside the area's own top
        var r = shape.getBoundingClientRect();
        x = r.left + r.width / 2;
        y = r.top;
      }
      where.classList.add("shown");
      var half = where.offsetWidth / 2;
      var left = Math.min(Math.max(x - box.left, half), Math.max(box.width - half, half));
      var top = Math.max(y - box.top - where.offsetHeight - 28, 0);
      where.style.left = left + "px";
      where.style.top = top + "px";
    }
    svg.addEventListener("focusin", function (event) {
      name(event.target.closest(".region[data-region]"));
    });
    svg.addEventListener("click", function (event) {
      var pointer = event.detail > 0 && (event.clientX || event.clientY);
      name(regionAt(event.target), pointer ? event.clientX : undefined, pointer ? event.clientY : undefined);
    });

    // arrow keys: to the nearest area in that direction on the same figure
    function centre(shape) {
      var b = shape.getBBox();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    var STEP = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    svg.addEventListener("keydown", function (event) {
      var shape = event.target.closest(".region[data-region]");
      var way = STEP[event.key];
      if (!shape || !way) { return; }
      event.preventDefault();
      var from = centre(shape);
      var best = null;
      var bestScore = Infinity;
      Array.prototype.forEach.call(sameFigure(shape), function (other) {
        if (other === shape) { return; }
        var to = centre(other);
        var along = (to.x - from.x) * way[0] + (to.y - from.y) * way[1];
        if (along <= 1) { return; }
        var across = Math.abs((to.x - from.x) * way[1]) + Math.abs((to.y - from.y) * way[0]);
        var score = along + 2 * across;
        if (score < bestScore) { bestScore = score; best = other; }
      });
      if (best) { rove(best); best.focus(); }
    });
    // Tab moves between the figures (one stop each), the arrows within one
    function sameFigure(shape) {
      var view = shape.getAttribute("data-view");
      return svg.querySelectorAll('.region[data-region][data-view="' + view + '"]');
    }
    function rove(shape) {
      Array.prototype.forEach.call(sameFigure(shape), function (other) {
        other.setAttribute("tabindex", other === shape ? "0" : "-1");
      });
    }
    ["back", "front"].forEach(function (view) {
      var first = svg.querySelector('.region[data-view="' + view + '"][aria-checked="true"]') ||
        svg.querySelector('.region[data-view="' + view + '"]');
      if (first) { rove(first); }
    });
    svg.addEventListener("focusin", function (event) {
      var shape = event.target.closest(".region[data-region]");
      if (shape) { rove(shape); }
    });

    var list = picker.querySelector(".region-list-wrap");
    // on a phone: one figure at a time (Back or Front), from the waist down, where every
    // area is (nothing to mark above it), as tall as the screen between the tab bar and the
    // Continue bar allows, but never so small that an area is less than a fingertip (44 px)
    var switcher = picker.querySelector(".view-toggle");
    var full = svg.getAttribute("viewBox");
    var size = [svg.getAttribute("width"), svg.getAttribute("height")];
    var FINGER = 44;
    var HIT = 24;  // the smallest tap target in picture units (figures/body_svg.py HIT_SIZE)
    function extent(which) {  // the figure's width, and the areas' height, in picture units
      var view = svg.querySelector('.view[data-view="' + which + '"]').getBBox();
      var top = Infinity;
      var bottom = view.y + view.height;
      Array.prototype.forEach.call(
        svg.querySelectorAll('.region[data-view="' + which + '"], .region-hit[data-view="' + which + '"]'),
        function (shape) { top = Math.min(top, shape.getBBox().y); });
      if (top === Infinity) { top = view.y; }
      return { x: view.x - 6, y: top - 14, width: view.width + 12, height: bottom - top + 20 };
    }
    function room() {  // the height left for the figure on this screen
      var bars = 0;
      Array.prototype.forEach.call(document.querySelectorAll("nav.steps, .map-go"), function (bar) {
        if (getComputedStyle(bar).position === "fixed" || getComputedStyle(bar).position === "sticky") {
          bars += bar.getBoundingClientRect().height;
        }
      });
      return window.innerHeight - bars - 12;
    }
    function showView(which) {
      var view = svg.querySelector('.view[data-view="' + which + '"]');
      if (!view) { return; }
      svg.classList.add("one-view");  // the other figure away first: its size is not measured
      svg.setAttribute("data-showing", which);
      if (!svg.getBoundingClientRect().width) { return; }  // hidden: drawn when it shows (below)
      var b = extent(which);
      svg.setAttribute("viewBox", [b.x, b.y, b.width, b.height].join(" "));
      svg.setAttribute("width", String(Math.round(b.width)));
      svg.setAttribute("height", String(Math.round(b.height)));
      var wide = svg.parentNode.getBoundingClientRect().width;
      var smallest = b.height * FINGER / HIT;  // the height at which a target is a fingertip
      var tall = Math.min(Math.max(room(), smallest), wide * b.height / b.width);
      svg.style.height = Math.ceil(tall) + "px";
      svg.style.width = "100%";
      svg.setAttribute("data-drawn", which);
      Array.prototype.forEach.call(switcher.querySelectorAll("button"), function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-show-view") === which));
      });
    }
    var narrow = window.matchMedia("(max-width: 720px)");
    function layout() {
      if (!switcher) { return; }
      switcher.hidden = !narrow.matches || (list && list.classList.contains("as-tab"));
      if (narrow.matches) {
        showView(svg.getAttribute("data-showing") || "back");
      } else {
        svg.setAttribute("viewBox", full);
        svg.setAttribute("width", size[0]);
        svg.setAttribute("height", size[1]);
        svg.style.height = "";
        svg.style.width = "";
        svg.classList.remove("one-view");
        svg.removeAttribute("data-drawn");
      }
    }
    if (switcher) {
      switcher.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-show-view]");
        if (button) { showView(button.getAttribute("data-show-view")); }
      });
      narrow.addEventListener("change", layout);
      layout();
      // a picker drawn hidden (the map again at the end of a session) cannot be measured:
      // it is laid out again as soon as it shows, and when the screen turns
      if (window.ResizeObserver) {
        var seen = 0;
        new ResizeObserver(function () {
          var now = svg.parentNode.getBoundingClientRect().width;
          if (now && now !== seen) { seen = now; layout(); }
        }).observe(svg.parentNode);
      }
    }

    // the list of areas is a visible choice beside the drawing, not a link to unfold
    var mode = picker.querySelector(".picker-mode");
    if (mode && list) {
      mode.hidden = false;
      var drawingParts = [picker.querySelector(".body-map-wrap"), where];
      var setMode = function (which) {
        var listed = which === "list";
        drawingParts.forEach(function (part) { if (part) { part.hidden = listed; } });
        if (switcher) { switcher.hidden = listed || !narrow.matches; }
        list.open = listed;
        list.classList.toggle("as-tab", listed);
        Array.prototype.forEach.call(mode.querySelectorAll("button"), function (button) {
          button.setAttribute("aria-pressed", String(button.getAttribute("data-picker-mode") === which));
        });
      };
      mode.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-picker-mode]");
        if (button) { setMode(button.getAttribute("data-picker-mode")); }
      });
      list.classList.add("has-mode");
      if (list.open) { setMode("list"); }
    }

    picker.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name === "where") { show(input.value, input.checked); }
      if (input.name === "where" || input.name === "feels") { changed(); }
    });
    Array.prototype.forEach.call(picker.querySelectorAll('input[name="where"]'), function (input) {
      show(input.value, input.checked);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-region-picker]"), setUp);

  var out = document.getElementById("matches");
  var form = document.getElementById("map-form");
  if (!out || !form) { return; }
  var timer = null;
  var asked = 0;
  var count = form.querySelector("[data-area-count]");
  form.addEventListener("places-changed", function () {
    if (count) {  // "Continue (2 areas)"
      var n = form.querySelectorAll('input[name="where"]:checked').length;
      count.textContent = n === 0 ? "no areas yet" : n === 1 ? "1 area" : n + " areas";
    }
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = new URLSearchParams();
      Array.prototype.forEach.call(form.querySelectorAll('input[name="where"]:checked, input[name="feels"]:checked'),
        function (input) { query.append(input.name, input.value); });
      var mine = ++asked;
      fetch("/map/matches?" + query.toString(), { headers: { "Accept": "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) { if (mine === asked) { out.innerHTML = html; } })
        .catch(function () { out.textContent = "Could not update the list. Save the map to see it."; });
    }, 150);
  });
})();
