// Every page: install the service worker, so the app opens from a phone's home screen and the
// Learn pages (and the offline page) work without a connection. Nothing personal is cached.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
