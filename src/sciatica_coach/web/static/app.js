// Every page: show the print buttons, and install the service worker, so the app opens from a
// phone's home screen and the Learn pages (and the offline page) work without a connection.
// Nothing personal is cached.
(function () {
  "use strict";
  // "Print this routine" and any other print button: there only where a script can print.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
