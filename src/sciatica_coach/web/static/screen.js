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

  // One group of questions per screen, with a progress bar, Back, and "None of these".
  // Without this script (or when answers came back with a problem) the whole form shows.
  var groups = Array.prototype.slice.call(form.querySelectorAll("section.check-group"));
  if (summary || document.getElementById("red-flag-stands") || groups.length < 2) { return; }
  var submit = form.querySelector("p > button.button-primary[type=submit]");
  var bar = document.createElement("div");
  bar.className = "check-progress";
  bar.innerHTML = '<p id="check-step" aria-live="polite"></p><div class="bar"><span></span></div>';
  form.insertBefore(bar, groups[0]);
  var at = 0;
  function answered(group) {
    return Array.prototype.every.call(group.querySelectorAll("fieldset.question"), function (set) {
      return set.querySelector("input[type=radio]:checked");
    });
  }
  function show(index, moveFocus) {
    at = Math.max(0, Math.min(groups.length - 1, index));
    groups.forEach(function (group, i) { group.hidden = i !== at; });
    submit.parentNode.hidden = at !== groups.length - 1;
    bar.querySelector("#check-step").textContent =
      "Part " + (at + 1) + " of " + groups.length + ": " + groups[at].querySelector("h2").textContent;
    bar.querySelector(".bar span").style.width = Math.round(100 * (at + 1) / groups.length) + "%";
    if (moveFocus) {
      groups[at].querySelector("h2").focus({ preventScroll: true });
      bar.scrollIntoView({ block: "start" });
    }
  }
  groups.forEach(function (group, i) {
    var nav = document.createElement("div");
    nav.className = "check-nav";
    var radios = group.querySelectorAll("fieldset.question");
    if (radios.length) {
      var none = document.createElement("button");
      none.type = "button";
      none.className = "button-primary";
      none.textContent = answered(group) ? "Nothing changed: next" : "None of these";
      none.addEventListener("click", function () {
        // every unanswered yes/no question here becomes "no"; answers given stay as they are
        Array.prototype.forEach.call(radios, function (set) {
          if (set.querySelector("input[type=radio]:checked")) { return; }
          var no = set.querySelector('input[type=radio][value="no"]');
          if (no) { no.checked = true; }
        });
        var empty = Array.prototype.filter.call(group.querySelectorAll("input[type=number]"),
          function (input) { return !input.value.trim(); })[0];
        if (empty) { empty.focus(); return; }  // a number still to give
        if (i < groups.length - 1) { show(i + 1, true); } else { form.requestSubmit(); }
      });
      nav.appendChild(none);
    }
    if (i < groups.length - 1 && !radios.length) {
      var next = document.createElement("button");
      next.type = "button";
      next.className = "button-primary";
      next.textContent = "Next";
      next.addEventListener("click", function () { show(i + 1, true); });
      nav.appendChild(next);
    }
    if (i > 0) {
      var back = document.createElement("button");
      back.type = "button";
      back.textContent = "Back";
      back.addEventListener("click", function () { show(i - 1, true); });
      nav.appendChild(back);
    }
    group.appendChild(nav);
  });
  show(0, false);
})();
