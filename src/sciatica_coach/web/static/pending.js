// Presses that must never wait for the network: "It hurts — stop", End session and Pause.
// The session page acts on them at once and keeps each one here, in the phone's own storage
// (one per session), with the moment it was pressed, until the server has it: a dropped
// Wi-Fi, a hanging request or a reload cannot lose a stop (web review, blocker 1). The
// offline page reads the same store, so a reload without a connection still says the truth.
(function () {
  "use strict";
  var PREFIX = "coach-pending-";
  var WAIT_MS = 8000;  // a request that hangs longer counts as no contact

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  function read(id) {
    var kept = store() && store().getItem(PREFIX + id);
    if (!kept) { return null; }
    try { return JSON.parse(kept); } catch (error) { return null; }
  }
  function keep(id, event) {
    if (store()) { store().setItem(PREFIX + id, JSON.stringify(event)); }
  }
  function drop(id) {
    if (store()) { store().removeItem(PREFIX + id); }
  }
  function all() {  // [{id, event}] for every session with a press not yet sent
    var found = [];
    var kept = store();
    for (var i = 0; kept && i < kept.length; i += 1) {
      var key = kept.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var event = read(key.slice(PREFIX.length));
        if (event) { found.push({ id: key.slice(PREFIX.length), event: event }); }
      }
    }
    return found;
  }

  // fetch, given up after WAIT_MS: a request that hangs must not hold a stop back.
  function request(url, options) {
    var control = window.AbortController ? new window.AbortController() : null;
    var timer = window.setTimeout(function () { if (control) { control.abort(); } }, WAIT_MS);
    if (control) { options.signal = control.signal; }
    return fetch(url, options).then(function (response) {
      window.clearTimeout(timer);
      return response;
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  // Send a kept press. Resolves {done, session, status}: done when the server has it (200),
  // or says the session is already over (or, for a pause, already paused); rejects when
  // there is no contact, so the caller keeps it and tries again.
  // A stop pressed while paused on the phone (the pause not sent yet) sends the pause first,
  // so the time between the two is not counted as held.
  function send(id, event, token) {
    if (event.type !== "stop" || !event.paused_at) { return sendOne(id, event, token); }
    var pause = { type: "pause", version: event.version, at: event.paused_at };
    return sendOne(id, pause, token).then(function () { return sendOne(id, event, token); });
  }
  function sendOne(id, event, token) {
    var body = { type: event.type, version: event.version, at: event.at };
    if (event.type === "stop") { body.bad_pain = Boolean(event.bad_pain); }
    return request("/api/sessions/" + encodeURIComponent(id) + "/events", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": token
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (answer) {
        var session = response.ok ? answer : answer && answer.detail && answer.detail.session;
        var settled = session && (session.over || (event.type === "pause" && session.phase === "paused"));
        var done = response.ok || Boolean(settled) || response.status === 404;
        return { done: done, session: session || null, status: response.status };
      });
    });
  }

  function clock(at) {  // "18:03", in this phone's time
    var moment = new Date(at);
    var minutes = moment.getMinutes();
    return moment.getHours() + ":" + (minutes < 10 ? "0" : "") + minutes;
  }

  window.CoachPending = {
    read: read, keep: keep, drop: drop, all: all, send: send, request: request, clock: clock
  };

  // --- on the offline page: what this phone still has to send, and sending it -------------
  var list = document.getElementById("pending-sessions");
  if (!list) { return; }
  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function words(item, sent) {
    var what = item.event.type === "pause" ? "paused" : "stopped";
    var text = "Your session was " + what + " at " + clock(item.event.at) + " on this phone. ";
    if (sent === "sent") { return text + "It is saved in your journal now."; }
    if (sent === "refused") {
      return text + "It could not be sent from this page; it will be sent when the session "
        + "page opens again, with the time you pressed it.";
    }
    return text + "It is kept on this phone and sent, with that time, when the connection "
      + "is back.";
  }
  var refused = {};
  function draw(results) {
    var items = all().map(function (item) {
      return { id: item.id, event: item.event, sent: refused[item.id] ? "refused" : "" };
    });
    list.textContent = "";
    document.getElementById("pending-box").hidden = items.length === 0 && !results.length;
    items.concat(results).forEach(function (item) {
      var entry = document.createElement("li");
      entry.textContent = words(item, item.sent) + " ";
      var link = document.createElement("a");
      link.href = "/session/" + encodeURIComponent(item.id);
      link.textContent = "Open the session";
      entry.appendChild(link);
      (item.event.advice || []).forEach(function (line) {
        var advice = document.createElement("p");
        advice.textContent = line;
        entry.appendChild(advice);
      });
      list.appendChild(entry);
    });
  }
  function sendAll() {
    var results = [];
    var tries = all().map(function (item) {
      return send(item.id, item.event, token()).then(function (answer) {
        if (answer.done) {
          drop(item.id);
          results.push({ id: item.id, event: item.event, sent: "sent" });
        } else if (answer.status === 403) {  // this saved page's token is out of date
          refused[item.id] = true;
        }
      }, function () { /* still no contact: kept, tried again */ });
    });
    return Promise.all(tries).then(function () { draw(results); });
  }
  draw([]);
  window.addEventListener("online", sendAll);
  window.setInterval(function () { if (all().length) { sendAll(); } }, 5000);
  sendAll();
})();
