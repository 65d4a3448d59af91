// Guided session player. The server holds the state, the rules and the clock: this script sends
// only what the person does (with the version it is showing), counts the time left down from
// what the server said, asks again when a countdown ends or every few seconds (other tabs, a
// locked screen), and shows, speaks and rings what comes back. It never sends the time.
(function () {
  "use strict";
  var root = document.getElementById("session");
  if (!root) { return; }
  var id = root.getAttribute("data-session-id");
  var state = JSON.parse(document.getElementById("session-state").textContent);
  var TICK_MS = 200;
  var POLL_MS = 1000;
  var RING = 540.35;
  var $ = function (name) { return document.getElementById(name); };
  var touch = window.matchMedia("(pointer: coarse)").matches;
  var small = window.matchMedia("(max-width: 720px)").matches;

  // --- voice and sound ---------------------------------------------------------------------
  var muted = window.localStorage && window.localStorage.getItem("coach-muted") === "1";
  var audio = null;
  function showMute() {
    $("b-mute").setAttribute("aria-pressed", muted ? "true" : "false");
    $("b-mute").textContent = muted ? "Sound: off" : "Sound: on";
  }
  function say(text) {
    if (muted || !text || !("speechSynthesis" in window)) { return; }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
  }
  function beep() {
    if (muted || !audio) { return; }
    var tone = audio.createOscillator();
    var gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.4, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.65);
  }
  function wakeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) { audio = new Context(); }
  }
  $("b-mute").addEventListener("click", function () {
    muted = !muted;
    if (window.localStorage) { window.localStorage.setItem("coach-muted", muted ? "1" : "0"); }
    if (muted && "speechSynthesis" in window) { window.speechSynthesis.cancel(); }
    wakeAudio();
    showMute();
  });

  // --- talking to the server: only what the person does; the clock is the server's --------
  var chain = Promise.resolve();
  var receivedAt = performance.now();
  var fetching = false;
  var offline = false;
  function base() { return "/api/sessions/" + encodeURIComponent(id); }
  function contact(ok) {
    if (ok === !offline) { return; }
    offline = !ok;
    show("s-offline", offline);
    if (ok) { passing("Back in contact. The session is where the server kept it."); }
  }
  function accept(response) {
    if (response.ok) { return response.json().then(render); }
    return response.json().then(function (body) {
      var detail = body && body.detail;
      if (detail && detail.session) { render(detail.session); }
      if (detail && detail.message && !detail.session) { note(detail.message); }
    });
  }
  function csrfToken() {
    // The page's token (web/csrf.py): without it the server refuses every change.
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function post(event) {
    event.version = state.version;
    chain = chain.then(function () {
      return fetch(base() + "/events", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRF-Token": csrfToken()
        },
        body: JSON.stringify(event)
      }).then(function (response) { contact(true); return accept(response); })
        .catch(function () { contact(false); });
    });
    return chain;
  }
  function refresh() {
    if (fetching) { return Promise.resolve(); }
    fetching = true;
    return fetch(base(), { headers: { "Accept": "application/json" } })
      .then(function (response) { contact(true); return response.ok ? response.json().then(render) : null; })
      .catch(function () { contact(false); })
      .then(function () { fetching = false; });
  }
  function note(text) {
    $("s-note").textContent = text;
    show("s-note", Boolean(text));
  }
  function passing(text) {  // a note that goes by itself, so the timer keeps its place
    note(text);
    window.setTimeout(function () { if ($("s-note").textContent === text) { note(""); } }, 6000);
  }

  // --- the countdown, counted here from what the server said -----------------------------
  function counting(phase) { return phase === "get_ready" || phase === "holding" || phase === "resting"; }
  function timedPhase() { return counting(state.phase); }
  function left() {
    if (!timedPhase()) { return Math.max(state.remaining, 0); }
    return Math.max(state.remaining - (performance.now() - receivedAt) / 1000, 0);
  }
  window.setInterval(function () {
    if (state.over || state.phase === "ready") { return; }
    drawRing();
    if (timedPhase() && left() <= 0) { refresh(); }
  }, TICK_MS);
  window.setInterval(function () {  // other tabs and devices, and a lost connection
    if (document.visibilityState === "visible" && !(state.over && state.after_given)) { refresh(); }
  }, POLL_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refresh(); }
  });
  window.addEventListener("online", function () { refresh(); });
  function drawRing() {
    var phase = state.phase;
    var timed = counting(phase) || phase === "paused";
    if (!timed) { return; }
    var total = state.countdown_total || 1;
    var now = left();
    $("s-bar").setAttribute("stroke-dashoffset", String(RING * (1 - now / total)));
    $("s-time").textContent = clock(Math.ceil(now), total);
  }
  // Minutes and seconds once a countdown runs a minute or more ("3:00", not "180"); a hold's
  // 20 to 60 seconds stay a plain number, easiest to read from the floor.
  function clock(seconds, total) {
    if (total < 60) { return String(seconds); }
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // The number of the step on screen. A hold is counted done when its countdown ends, before
  // "How did that feel?": during the check-in the title still names that hold, so the
  // number does too (web review, minor 8).
  function stepNumber() {
    var done = state.phase === "checking_in" ? state.steps_done - 1 : state.steps_done;
    return Math.min(done + 1, state.steps_total);
  }

  // --- drawing the state --------------------------------------------------------------------
  function show(name, on) { $(name).hidden = !on; }
  function lines(list, items) {
    list.textContent = "";
    items.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
  }
  function primary(phase) {
    return { ready: "b-start", showing: "b-next", finding: "b-found", get_ready: "b-pause",
      holding: "b-pause", resting: "b-pause", paused: "b-pause", checking_in: "b-good" }[phase];
  }
  function render(next) {
    if (next.version < state.version) { return; }  // a late answer: a newer state is shown
    var before = state;
    var leftBefore = left();
    state = next;
    receivedAt = performance.now();
    var step = state.step;
    var phase = state.phase;
    var timed = counting(phase) || phase === "paused";
    root.setAttribute("data-phase", phase);
    document.body.classList.toggle("playing", !state.over && phase !== "ready");
    root.setAttribute("data-version", String(state.version));
    root.setAttribute("data-done", String(state.steps_done));
    root.setAttribute("data-step", step ? step.id : "");
    show("panel-ready", phase === "ready");
    show("panel-step", !state.over && phase !== "ready");
    show("panel-end", state.over);
    $("s-progress").textContent = state.over
      ? "Done " + state.steps_done + " of " + state.steps_total + " steps"
      : "Step " + stepNumber() + " of " + state.steps_total;
    if (step) {
      $("s-title").textContent = step.title;
      if (!before.step || before.step.id !== step.id) {
        lines($("s-instructions"), step.instructions);
        picture(step);
        $("s-how").open = phase === "showing" && !small;  // on a phone it stays one tap away
      }
    }
    $("s-cue").textContent = state.cue;
    $("s-cue").classList.toggle("cue-long", state.cue.length > 70);  // a long cue in smaller type
    $("s-set").textContent = state.set_words || "";
    show("s-set", Boolean(state.set_words));
    show("act-showing", phase === "showing");
    show("act-finding", phase === "finding");
    show("act-timer", timed);
    show("act-checkin", phase === "checking_in");
    show("hurts-row", phase !== "checking_in");  // the check-in has its own "It hurts — stop"
    show("s-ring", timed);
    $("b-pause").innerHTML = phase === "paused" ? "Go on <kbd>Space</kbd>" : "Pause <kbd>Space</kbd>";
    $("b-skip").disabled = phase === "paused";
    $("b-skip").innerHTML = (step && step.kind !== "hold" ? "Skip exercise" : "Skip hold") + " <kbd>S</kbd>";
    drawRing();
    if (state.over) { renderEnd(); }
    keepAwake();
    if (timeRanOut(before, leftBefore)) { beep(); }  // the end of each hold and each set
    speak(before);
    var active = document.activeElement;
    if (!active || active === document.body || active.closest("[hidden]")) {
      var target = state.over ? $("pain-after") : $(primary(phase));
      // focus without scrolling: the title and the timer stay where the person can see them
      if (target && !target.closest("[hidden]")) { target.focus({ preventScroll: true }); }
    }
    if (state.over !== before.over || (step && (!before.step || before.step.id !== step.id))) {
      root.scrollIntoView({ block: "start" });  // a new step starts at its title
    }
  }
  function picture(step) {  // the position, always in view beside the timer
    show("s-picture", Boolean(step.picture));
    if (step.picture && $("s-picture-img").getAttribute("src") !== step.picture) {
      $("s-picture-img").setAttribute("src", step.picture);
    }
    $("s-picture-img").setAttribute("alt", step.picture_alt || "");
  }
  function renderEnd() {
    show("end-bad", state.bad_pain);
    if (state.bad_pain) {
      $("end-bad-text").textContent = state.cue;
      lines($("end-what"), state.what_to_do);
    }
    $("end-h").textContent = state.phase === "finished" ? "Well done" : "The session is over";
    $("end-text").textContent = state.bad_pain ? "" : state.cue;
    $("end-holds").textContent = String(state.holds_done);
    show("end-saved", state.after_given);
    show("finish-form", !state.after_given);
  }
  function timeRanOut(before, leftBefore) {
    if (before.phase !== "holding" || leftBefore > 1.5) { return false; }
    if (state.phase === "paused" || state.phase === "stopped") { return false; }
    var sameStep = state.step && before.step && state.step.id === before.step.id;
    return !sameStep || state.phase !== "holding" || state.set_words !== before.set_words;
  }
  function sets() { return state.set_words ? state.set_words.replace(" · ", ", ") + ". " : ""; }
  function speak(before) {
    var phase = state.phase;
    var step = state.step;
    var newStep = step && (!before.step || before.step.id !== step.id);
    var exercise = step && step.kind !== "hold";
    if (state.over && !before.over) {
      say(state.bad_pain ? state.cue + " " + state.what_to_do.join(" ") : state.cue);
    } else if (phase !== before.phase || newStep) {
      if (phase === "showing" || phase === "finding") {
        say(step.title + ". " + state.cue);
      } else if (phase === "get_ready" && exercise) {
        say(step.title + ". " + sets() + state.cue);  // what to do, how much, get in place
      } else if (phase === "get_ready" || phase === "checking_in") {
        say(state.cue + (phase === "checking_in" ? checkInWords() : ""));
      } else if (phase === "holding") {
        say(exercise ? sets() + state.cue : state.cue);
      } else if (phase === "resting") {
        say(state.cue + " " + sets());
      }
    } else if (phase === "holding" && exercise && state.set_words !== before.set_words) {
      // a new set with no rest between, or the next slow movement of a strengthening set
      say(state.movement && state.movement !== before.movement && before.movement
        ? String(state.movement) : sets() + state.cue);
    } else if (phase === "holding" && state.breathing !== before.breathing) {
      say(state.cue);
    }
  }

  function checkInWords() {
    return touch ? " Tap Good, No change or It hurts." : " Press G for good, N for no change, B if it hurts.";
  }

  // --- the screen stays on while a session runs (Screen Wake Lock, where there is one) ---------
  var wakeLock = null;
  function keepAwake() {
    var running = !state.over && state.phase !== "ready";
    if (!running) {
      if (wakeLock) { wakeLock.release(); wakeLock = null; }
      return;
    }
    if (!("wakeLock" in navigator)) { show("s-awake", true); return; }
    if (wakeLock || document.visibilityState !== "visible") { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { show("s-awake", true); });
  }
  document.addEventListener("visibilitychange", function () { keepAwake(); });

  // --- what the person does -----------------------------------------------------------------
  function act(event) { wakeAudio(); post(event); }
  $("b-start").addEventListener("click", function () {
    var raw = $("pain-before").value.trim();
    var ok = raw === "" || /^(10|[0-9])$/.test(raw);
    $("pain-before-error").hidden = ok;
    if (!ok) { $("pain-before").focus(); return; }
    act(raw === "" ? { type: "start" } : { type: "start", pain_before: Number(raw) });
  });
  $("b-next").addEventListener("click", function () { act({ type: "next" }); });
  $("b-found").addEventListener("click", function () { act({ type: "spot", found: true }); });
  $("b-not-found").addEventListener("click", function () { act({ type: "spot", found: false }); });
  $("b-pause").addEventListener("click", function () { togglePause(); });
  $("b-skip").addEventListener("click", function () { act({ type: "next" }); });
  $("b-good").addEventListener("click", function () { act({ type: "feeling", feeling: "good" }); });
  $("b-same").addEventListener("click", function () { act({ type: "feeling", feeling: "no_change" }); });
  $("b-bad").addEventListener("click", function () { act({ type: "feeling", feeling: "bad" }); });
  $("b-hurts").addEventListener("click", function () { act({ type: "stop", bad_pain: true }); });
  $("b-stop").addEventListener("click", function () {
    // ending on purpose is not the same as pain: ask first (pain has its own button)
    if (window.confirm("End the session now? What you have done so far is saved.")) {
      act({ type: "stop" });
    }
  });
  function togglePause() {
    if (state.phase === "paused") { act({ type: "resume" }); }
    else if (timedPhase()) { act({ type: "pause" }); }
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || state.over) { return; }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) { return; }
    var key = event.key.toLowerCase();
    var phase = state.phase;
    if (key === " " || key === "spacebar") {
      event.preventDefault();  // space never presses the focused button (it could be Stop)
      togglePause();
    } else if (key === "s" && counting(phase)) {
      act({ type: "next" });
    } else if (key === "b" && phase !== "checking_in") {
      act({ type: "stop", bad_pain: true });  // it hurts: stop at once, whatever the step
    } else if (phase === "checking_in" && (key === "g" || key === "n" || key === "b")) {
      act({ type: "feeling", feeling: { g: "good", n: "no_change", b: "bad" }[key] });
    } else if (phase === "finding" && (key === "y" || key === "n")) {
      act({ type: "spot", found: key === "y" });
    } else if (phase === "showing" && key === "enter" && (!target || target.tagName !== "BUTTON")) {
      act({ type: "next" });
    }
  });

  showMute();
  render(state);
  if (!state.over && state.phase !== "ready") {
    // opened again (a reload, another tab, after a restart): say where it carried on from
    passing("Carried on where you were, step " + stepNumber()
      + " of " + state.steps_total + ". The server keeps your session as it goes.");
  }
})();
