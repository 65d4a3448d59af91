// Safety check: when a serious question is answered "yes" or "not sure", show what to do at once.
(function () {
  "use strict";
  var form = document.getElementById("screen-form");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    var input = event.target;
    var id = input && input.getAttribute("data-alert");
    if (!id) { return; }
    var box = document.getElementById(id);
    if (box) { box.hidden = input.value === "no"; }
  });
  Array.prototype.forEach.call(form.querySelectorAll("input[data-alert]:checked"), function (input) {
    var box = document.getElementById(input.getAttribute("data-alert"));
    if (box) { box.hidden = input.value === "no"; }
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
