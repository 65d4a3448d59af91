// The session's voice and bell: spoken cues (the browser's speech synthesis) and a short tone,
// both off with the Sound button (remembered on this device). The player (session.js) says
// what and when; this file only says it.
(function () {
  "use strict";
  var $ = function (name) { return document.getElementById(name); };
  if (!$("b-mute")) { return; }
  var muted = window.localStorage && window.localStorage.getItem("coach-muted") === "1";
  var audio = null;
  function showMute() {
    $("b-mute").setAttribute("aria-pressed", muted ? "true" : "false");
    $("b-mute").textContent = muted ? "Sound: off" : "Sound: on";
  }
  // Say ``lines`` in order, cutting off whatever was being said. A ``soft`` cue (a breathing
  // reminder) waits its turn instead: it is left out while the how-to is still being read.
  function say(lines, soft) {
    if (muted || !("speechSynthesis" in window)) { return; }
    var synth = window.speechSynthesis;
    if (soft && (synth.speaking || synth.pending)) { return; }
    if (!soft) { synth.cancel(); }
    (typeof lines === "string" ? [lines] : lines).forEach(function (line) {
      if (line) { synth.speak(new window.SpeechSynthesisUtterance(line)); }
    });
  }
  function hush() {
    if ("speechSynthesis" in window) { window.speechSynthesis.cancel(); }
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
    if (muted) { hush(); }
    wakeAudio();
    showMute();
  });

  showMute();
  window.CoachVoice = { say: say, hush: hush, beep: beep, wake: wakeAudio };
})();
