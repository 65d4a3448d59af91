// Guided session player. The server holds the state, the rules and the clock: this script sends
// only what the person does (with the version it is showing), counts the time left down from
// what the server said, asks again when a countdown ends or every few seconds (other tabs, a
// locked screen), and shows, speaks and rings what comes back.
// Two presses never wait for the server: "It hurts — stop" (and End session) and Pause act
// here at once and are kept on the phone (pending.js) with the moment they were pressed, on
// the server's clock, until the server has them; nothing the server sends meanwhile can put
// the page back into a hold (web review, blocker 1). While a session runs and the page is in
// view it tells the server it is still there (``/contact``), so a closed tab is known.
(function () {
  "use strict";
  var root = document.getElementById("session");
  if (!root) { return; }
  var id = root.getAttribute("data-session-id");
  var state = JSON.parse(document.getElementById("session-state").textContent);
  var words = JSON.parse(document.getElementById("session-words").textContent);
  var Pending = window.CoachPending;
  var pending = Pending.read(id);
  var TICK_MS = 200;
  var POLL_MS = 1000;
  var RING = 540.35;
  var $ = function (name) { return document.getElementById(name); };
  var touch = window.matchMedia("(pointer: coarse)").matches;
  var small = window.matchMedia("(max-width: 720px)").matches;

  // --- voice and sound (voice.js) -------------------------------------------------------------
  var Voice = window.CoachVoice;
  var say = Voice.say;
  var hush = Voice.hush;
  var wakeAudio = Voice.wake;
  function beep() { if (!state.over) { Voice.beep(); } }  // never after a stop

  // --- talking to the server: only what the person does; the clock is the server's --------
  var chain = Promise.resolve();
  var receivedAt = performance.now();
  var receivedWall = Date.now();
  var fetching = false;
  var offline = false;
  var CONTACT_MS = 10000;
  var RETRY_MS = 5000;
  function base() { return "/api/sessions/" + encodeURIComponent(id); }
  function contact(ok) {
    if (ok === !offline) { return; }
    offline = !ok;
    if (offline) { note(""); }  // the banner says what is true now; room for the controls
    banner();
    if (ok) {
      passing("Connected again. Your session is saved as it went.");
      flush().then(function () { return tellServer(true); });  // the kept press first
    }
  }
  // What the banner says while there is no contact: only what is true (web review, blocker 1).
  function banner() {
    var text;
    if (pending && pending.type === "stop") {
      text = "No connection. Your stop is kept on this phone and sent, with the time you pressed it, when the connection is back.";
    } else if (pending) {
      text = "No connection. Your pause is kept on this phone and sent, with the time you pressed it, when the connection is back.";
    } else if (state.over) {
      text = "No connection. What you did is saved.";
    } else if (timedPhase()) {
      text = "No connection. The timer keeps going. Pause and “It hurts — stop” still work.";
    } else {
      text = "No connection. “It hurts — stop” still works at once.";
    }
    $("s-offline-text").textContent = text;
    // a stop kept here is said under the stop advice (renderEnd): the advice comes first
    show("s-offline", offline && !(pending && pending.type === "stop"));
    if (state.over) { renderEnd(); }
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
  function send(path, body) {
    return Pending.request(base() + path, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrfToken()
      },
      body: JSON.stringify(body)
    });
  }
  function post(event) {
    event.version = state.version;
    chain = chain.then(function () {
      return send("/events", event)
        .then(function (response) { contact(true); return accept(response); })
        .catch(function () {
          contact(false);
          note("That did not go through. Press it again once the connection is back.");
        });
    });
    return chain;
  }
  function refresh() {
    if (fetching) { return Promise.resolve(); }
    fetching = true;
    return Pending.request(base(), { headers: { "Accept": "application/json" } })
      .then(function (response) { contact(true); return response.ok ? response.json().then(render) : null; })
      .catch(function () { contact(false); })
      .then(function () { fetching = false; });
  }
  // "Still here" while a session runs and the page is in view; ``returning`` when the page
  // comes back (in view again, contact again): the server then pauses a hold whose player was
  // away, at its get-ready (coach.sessions.reopen).
  function tellServer(returning) {
    if (pending || state.over || state.phase === "ready") { return Promise.resolve(); }
    return send("/contact", { returning: returning })
      .then(function (response) { contact(true); return response.ok ? response.json().then(render) : null; })
      .catch(function () { contact(false); });
  }

  function note(text) {
    $("s-note").textContent = text;
    show("s-note", Boolean(text));
  }
  function passing(text) {  // a note that goes by itself, so the timer keeps its place
    note(text);
    window.setTimeout(function () { if ($("s-note").textContent === text) { note(""); } }, 6000);
  }

  // --- a stop or pause kept on this phone until the server has it -------------------------
  // The moment of the press on the server's clock (what it last said, plus the time since):
  // a phone's own clock may be minutes off.
  function pressedAt() {
    var said = Date.parse(state.as_of);
    var at = isNaN(said) ? new Date() : new Date(said + (Date.now() - receivedWall));
    return at.toISOString();
  }
  function keep(event) {
    event.version = state.version;
    event.at = pressedAt();
    if (event.type === "stop" && event.bad_pain) {
      event.advice = [words.bad_pain_stop].concat(words.what_to_do);
    }
    pending = event;
    Pending.keep(id, event);
    note("");
    render(local(state));
    banner();
    flush();
  }
  function local(from) {  // the session as this phone has it: stopped or paused here
    if (!pending) { return from; }
    if (pending.type === "pause") {
      if (from.phase === "paused") { return from; }
      return Object.assign({}, from, {
        paused_from: from.phase,
        local: true, phase: "paused", remaining: from === state ? left() : from.remaining,
        cue: words.paused_here, interrupted: false
      });
    }
    var bad = Boolean(pending.bad_pain);
    return Object.assign({}, from, {
      local: true, phase: "stopped", over: true, bad_pain: bad, after_given: false,
      remaining: from === state ? left() : from.remaining,
      cue: bad ? words.bad_pain_stop : words.stopped,
      what_to_do: bad ? words.what_to_do : []
    });
  }
  var flushing = null;
  function flush() {
    if (!pending) { return Promise.resolve(); }
    if (flushing) { return flushing; }
    var sent = pending;
    flushing = Pending.send(id, sent, csrfToken()).then(function (answer) {
      contact(true);
      var refusedPause = sent.type === "pause" && answer.status === 409;
      if (answer.done || refusedPause) {
        Pending.drop(id);
        pending = null;
        if (refusedPause && !answer.done) { note("The pause could not be kept: the session had moved on. Here is where it is now."); }
        if (answer.session) { render(answer.session); }
      }
    }, function () { contact(false); }).then(function () {
      flushing = null;
      banner();
      if (state.over) { renderEnd(); }
    });
    return flushing;
  }
  window.setInterval(function () { if (pending) { flush(); } }, RETRY_MS);

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
  window.setInterval(function () {
    if (document.visibilityState === "visible") { tellServer(false); }
  }, CONTACT_MS);
  var away = false;
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") { away = true; return; }
    if (away) { flush().then(function () { return tellServer(true); }); }
    away = false;
    refresh();
  });
  window.addEventListener("online", function () { flush().then(refresh); });
  window.addEventListener("offline", function () { contact(false); });
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
    if (pending && next !== state && !next.over && !(pending.type === "pause" && next.phase === "paused")) {
      return;  // stopped or paused on this phone: nothing from before that press may undo it
    }
    var before = state;
    var leftBefore = left();
    state = next;
    if (!next.local) {  // the server's word: the time base for the countdown and for presses
      receivedAt = performance.now();
      receivedWall = Date.now();
    }
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
        var rules = step.kind === "safety";  // the safety rules: open, never one tap away
        lines($("s-instructions"), rules ? [] : step.instructions);
        lines($("s-rules"), rules ? step.instructions : []);
        show("s-rules", rules);
        show("s-how", !rules);
        picture(step);
        $("s-how").open = phase === "showing" && !small;  // on a phone it stays one tap away
      }
      closeup(step, phase);
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
    $("b-skip").disabled = phase === "paused" && !state.interrupted;  // after a break: skip it
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
  function image(figure, id, width, height) {  // made when first shown: an img needs a src
    var found = $(id);
    if (found) { return found; }
    var made = document.createElement("img");
    made.id = id;
    made.width = width;
    made.height = height;
    made.alt = "";
    $(figure).appendChild(made);
    return made;
  }
  function picture(step) {  // the position, always in view beside the timer
    show("s-picture", Boolean(step.picture));
    if (!step.picture) { return; }
    var img = image("s-picture", "s-picture-img", 320, 240);
    if (img.getAttribute("src") !== step.picture) { img.setAttribute("src", step.picture); }
    img.setAttribute("alt", step.picture_alt || "");
  }
  function closeup(step, phase) {  // where the spot is, and where not to press
    var on = phase === "finding" && Boolean(step.closeup);
    show("s-closeup", on);
    if (!on) { return; }
    var img = image("s-closeup", "s-closeup-img", 320, 320);
    if (img.getAttribute("src") !== step.closeup) {
      img.setAttribute("src", step.closeup);
      img.setAttribute("alt", step.closeup_alt || "");
    }
  }
  function renderEnd() {
    show("end-pending", Boolean(pending));  // the server must have the stop before the rest
    if (pending) { $("end-pending-text").textContent = endPendingWords(); }
    show("end-bad", state.bad_pain);
    if (state.bad_pain) {
      $("end-bad-text").textContent = state.cue;
      lines($("end-what"), state.what_to_do);
    }
    $("end-h").textContent = state.phase === "finished" ? "Well done" : "The session is over";
    $("end-text").textContent = state.bad_pain ? "" : state.cue;
    $("end-holds").textContent = String(state.holds_done);
    show("end-saved", state.after_given);
    show("finish-form", !state.after_given && !pending);
  }
  function endPendingWords() {
    var when = Pending.clock(pending.at);
    return (offline ? "No connection. " : "Sending… ")
      + "You stopped at " + when + ". The stop is kept on this phone and sent, with that "
      + "time, when the connection is back. Then you can say how you are now.";
  }
  function timeRanOut(before, leftBefore) {
    if (before.phase !== "holding" || leftBefore > 1.5) { return false; }
    if (state.phase === "paused" || state.phase === "stopped") { return false; }
    var sameStep = state.step && before.step && state.step.id === before.step.id;
    return !sameStep || state.phase !== "holding" || state.set_words !== before.set_words;
  }
  function sets() { return state.set_words ? state.set_words.replace(" · ", ", ") + ". " : ""; }
  // What to say: at a new step its title, how much, and its how-to lines in order (where,
  // what to keep off, how to move: web review, major 4), then the cue; at a phase change the
  // cue; a breathing cue only when nothing else is being said. Nothing after a stop but the
  // stop advice.
  function speak(before) {
    var phase = state.phase;
    var step = state.step;
    var newStep = step && (!before.step || before.step.id !== step.id);
    var exercise = step && step.kind !== "hold";
    if (state.over) {
      if (!before.over) { say(state.bad_pain ? [state.cue].concat(state.what_to_do) : state.cue); }
    } else if (newStep) {
      var cue = state.cue + (phase === "checking_in" ? checkInWords() : "");
      var how = step.instructions;  // the cue is said last, unless it is one of them
      say([step.title + ". " + sets()].concat(how, how.indexOf(state.cue) >= 0 ? [] : [cue]));
    } else if (phase !== before.phase) {
      if (phase === "checking_in") {
        say(state.cue + checkInWords());
      } else if (phase === "holding") {
        say(exercise ? sets() + state.cue : state.cue, !exercise);
      } else if (phase === "resting") {
        say(state.cue + " " + sets());
      } else if (phase === "paused" && state.interrupted) {
        say(state.cue);  // why it waits: the player was away
      } else if (phase !== "paused") {
        say(state.cue);
      }
    } else if (phase === "holding" && exercise && state.set_words !== before.set_words) {
      // a new set with no rest between, or the next slow movement of a strengthening set
      say(state.movement && state.movement !== before.movement && before.movement
        ? String(state.movement) : sets() + state.cue);
    } else if (phase === "holding" && state.breathing !== before.breathing) {
      say(state.cue, true);
    }
  }

  function checkInWords() {
    return touch ? " Tap Good, No change or It hurts." : " Press G for good, N for no change, B if it hurts.";
  }

  // --- the screen stays on while a session runs -----------------------------------------------
  // With the Screen Wake Lock where there is one. Over plain http (a phone on the home network
  // before it trusts this computer) there is none, and a phone may refuse it (a battery
  // saver): then a silent video plays, as NoSleep.js does, since phones keep the screen on
  // while a video plays. Blink counts a muted video only if it is on screen and covers more
  // than a fifth of the view, so it is as large as the whole view, almost transparent, behind
  // the page and not in the way of a tap. It starts from a tap (browsers play media only after one) and stops when
  // the session pauses, ends or goes out of view. Safari counts only a video that plays sound
  // and does not loop, so there, as in NoSleep.js, its silent sound track plays and the video
  // jumps back before its end instead of looping (elsewhere it stays muted: sound would take
  // the phone's audio from the person's music). It may still not work on every phone, which
  // the page says (web review, major 5).
  var apple = /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
  var wakeLock = null;
  var byVideo = !("wakeLock" in navigator);
  var video = null;
  function running() { return !state.over && state.phase !== "ready"; }
  function keepAwake() {
    if (byVideo) { videoAwake(); return; }
    if (!running()) {
      if (wakeLock) { wakeLock.release(); wakeLock = null; }
      return;
    }
    if (wakeLock || document.visibilityState !== "visible") { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { byVideo = true; videoAwake(); });
  }
  function awakeVideo() {
    if (video) { return video; }
    video = document.createElement("video");
    video.id = "s-keep-awake";
    video.muted = !apple;
    video.loop = !apple;
    (apple ? [] : ["muted", "loop"]).concat(["playsinline", "disablepictureinpicture",
      "disableremoteplayback"]).forEach(function (name) { video.setAttribute(name, ""); });
    if (apple) {
      video.addEventListener("timeupdate", function () {
        if (video.currentTime > 0.5) { video.currentTime = Math.random() * 0.5; }
      });
    }
    video.setAttribute("aria-hidden", "true");
    video.setAttribute("tabindex", "-1");
    video.preload = "auto";
    Object.assign(video.style, { position: "fixed", left: "0", top: "0", width: "100%",
      height: "100%", objectFit: "cover", opacity: "0.01", pointerEvents: "none", zIndex: "-1" });
    [["awake-mp4", "video/mp4"], ["awake-webm", "video/webm"]].forEach(function (kind) {
      var source = document.createElement("source");
      source.src = root.getAttribute("data-" + kind[0]);
      source.type = kind[1];
      video.appendChild(source);
    });
    document.body.appendChild(video);
    return video;
  }
  function videoAwake(tapped) {
    show("s-awake", byVideo && running());
    var on = tapped || (running() && state.phase !== "paused");
    if (on && !state.over && document.visibilityState === "visible") {
      var player = awakeVideo();
      if (!player.paused) { return; }
      var playing = player.play();
      if (playing && playing.catch) { playing.catch(function () {}); }  // refused: the note says so
    } else if (video && !video.paused) {
      video.pause();
    }
  }
  document.addEventListener("visibilitychange", function () { keepAwake(); });
  // Before the start, over plain http: what does not work here, and how to get all of it.
  show("s-insecure", !window.isSecureContext);
  show("s-awake-trust", !window.isSecureContext);

  // --- what the person does -----------------------------------------------------------------
  function act(event) { wakeAudio(); if (byVideo) { videoAwake(true); } post(event); }
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
  // It hurts: stop here at once, whatever the network does; at a check-in too (it then counts
  // as a bad check-in: the session stops for bad pain on that hold).
  function hurts() { stopHere({ type: "stop", bad_pain: true }); }
  function stopHere(event) {
    if (state.over || (pending && pending.type === "stop")) { return; }
    if (pending) { event.paused_at = pending.at; }  // paused here first: that is sent too
    hush();
    keep(event);
  }
  $("b-bad").addEventListener("click", hurts);
  $("b-hurts").addEventListener("click", hurts);
  $("b-stop").addEventListener("click", function () {
    // ending on purpose is not the same as pain: ask first (pain has its own button)
    if (window.confirm("End the session now? What you have done so far is saved.")) {
      stopHere({ type: "stop" });
    }
  });
  function togglePause() {
    if (state.phase === "paused" && pending) {
      // paused on this phone only: the server must have the pause before it can go on
      flush().then(function () {
        if (pending) { note("Not yet: your pause is still being sent. Go on once the connection is back."); }
        else if (state.phase === "paused") { act({ type: "resume" }); }
      });
    } else if (state.phase === "paused") { act({ type: "resume" }); }
    else if (timedPhase() && !pending) { wakeAudio(); keep({ type: "pause" }); }
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
    } else if (key === "b") {
      hurts();  // it hurts: stop at once, whatever the step
    } else if (phase === "checking_in" && (key === "g" || key === "n")) {
      act({ type: "feeling", feeling: key === "g" ? "good" : "no_change" });
    } else if (phase === "finding" && (key === "y" || key === "n")) {
      act({ type: "spot", found: key === "y" });
    } else if (phase === "showing" && key === "enter" && (!target || target.tagName !== "BUTTON")) {
      act({ type: "next" });
    }
  });

  if (pending && !state.over) {
    render(local(state));  // stopped or paused on this phone before this page opened
  } else {
    render(state);
  }
  if (pending) {
    flush();  // the kept press first, then what the server says
  } else if (state.interrupted) {
    say(state.cue);  // why it waits at the get-ready
  }
  banner();
  if (!state.over && state.phase !== "ready") {
    root.scrollIntoView({ block: "start" });  // the step, its timer and its buttons in view
  }
  if (!state.over && state.phase !== "ready" && !pending && !state.interrupted) {
    // opened again (a reload, another tab, after a restart): say where it carried on from
    passing("Carried on where you were, step " + stepNumber()
      + " of " + state.steps_total + ". The server keeps your session as it goes.");
  }
})();
