// Every page: show the print buttons, fill in the browser's time zone on the sign-in forms,
// and install the service worker, so the app opens from a phone's home screen and the Learn
// pages (and the offline page) work without a connection. Nothing personal is cached.
(function () {
  "use strict";
  // "Print this routine" and any other print button: there only where a script can print.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Sign-up and sign-in send the browser's time zone, so "today" is the person's own day.
  document.querySelectorAll("input[data-sign-in-zone]").forEach(function (input) {
    try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {}
  });
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
