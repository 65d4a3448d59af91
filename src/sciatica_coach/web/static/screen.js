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

  // One group of questions per screen, with a progress bar, Back, and Next. Every question is
  // asked afresh: nothing is answered for the person, except that "None of these" answers
  // "No" to the questions left open in a group where nothing was answered "Yes" or "Not
  // sure" - never in the first group (the emergency signs), which must be answered one by one.
  // Without this script (or when answers came back with a problem) the whole form shows.
  var groups = Array.prototype.slice.call(form.querySelectorAll("section.check-group"));
  if (summary || groups.length < 2) { return; }
  var submit = form.querySelector("p > button.button-primary[type=submit]");
  var bar = document.createElement("div");
  bar.className = "check-progress";
  bar.innerHTML = '<p id="check-step" aria-live="polite"></p><div class="bar"><span></span></div>';
  form.insertBefore(bar, groups[0]);
  var at = 0;

  function open(group) {
    // the questions of a group still to answer: yes/no and areas unchosen, numbers and dates empty
    var left = [];
    Array.prototype.forEach.call(group.querySelectorAll(".question"), function (question) {
      var radios = question.querySelectorAll("input[type=radio]");
      var fields = question.querySelectorAll("input[type=number], input[type=date]");
      if (radios.length && !question.querySelector("input[type=radio]:checked")) { left.push(question); }
      Array.prototype.forEach.call(fields, function (input) {
        if (!input.value.trim()) { left.push(question); }
      });
    });
    return left;
  }
  function doubtful(group) {
    return group.querySelector('input[type=radio][value="yes"]:checked, input[type=radio][value="not_sure"]:checked');
  }
  function typed(question) {
    return question.querySelector("input[type=number], input[type=date]");
  }
  function mayAnswerNone(group) {
    // "None of these" only where every question left is a yes/no or an area question
    return group.getAttribute("data-level") !== "emergency" && !doubtful(group) &&
      open(group).every(function (question) { return !typed(question); });
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
  function onward(i) {
    if (i < groups.length - 1) { show(i + 1, true); } else { form.requestSubmit(); }
  }
  groups.forEach(function (group, i) {
    var nav = document.createElement("div");
    nav.className = "check-nav";
    var said = document.createElement("p");
    said.className = "field-error";
    said.id = "check-left-" + i;
    said.setAttribute("role", "alert");
    said.hidden = true;
    var go = document.createElement("button");
    go.type = "button";
    go.className = "button-primary";
    function label() {
      var none = open(group).length && mayAnswerNone(group);
      go.textContent = none ? "None of these" : "Next";
      go.setAttribute("data-none", none ? "yes" : "no");
      if (!open(group).length) { said.hidden = true; }
    }
    go.addEventListener("click", function () {
      var left = open(group);
      if (left.length && mayAnswerNone(group)) {
        left.forEach(function (question) {
          var no = question.querySelector('input[type=radio][value="no"]');
          if (no) { no.checked = true; }
        });
        left = open(group);
      }
      if (left.length) {
        said.textContent = "Please answer each question in this part (" + left.length + " left).";
        said.hidden = false;
        var first = left[0].querySelector("input:not([type=hidden])");
        left[0].scrollIntoView({ block: "center" });
        if (first) { first.focus({ preventScroll: true }); }
        return;
      }
      onward(i);
    });
    group.addEventListener("change", label);
    group.addEventListener("input", label);
    label();
    nav.appendChild(go);
    if (i > 0) {
      var back = document.createElement("button");
      back.type = "button";
      back.textContent = "Back";
      back.addEventListener("click", function () { show(i - 1, true); });
      nav.appendChild(back);
    }
    group.appendChild(said);
    group.appendChild(nav);
  });
  show(0, false);
})();
