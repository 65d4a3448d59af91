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
    svg.addEventListener("click", function (event) {
      var shape = event.target.closest(".region[data-region]");
      if (shape) { toggle(shape); }
    });
    svg.addEventListener("keydown", function (event) {
      var shape = event.target.closest(".region[data-region]");
      if (shape && (event.key === "Enter" || event.key === " " || event.key === "Spacebar")) {
        event.preventDefault();
        toggle(shape);
      }
    });
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
  form.addEventListener("places-changed", function () {
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
