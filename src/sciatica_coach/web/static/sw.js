// The service worker. Why so little: the journal is health data and must never sit in a
// cache, so only the app shell (styles, scripts, icons), the Learn pages and the offline page
// are kept; never a session, plan or journal page, nor any /api/ answer. The offline page
// reads what this phone still has to send (pending.js: a stop or a pause pressed without
// contact) from the browser's own storage, not from any cache. Learn pages: network first, the cached copy when offline. Everything else goes to
// the server; a page that cannot be reached offline gets the offline page.
"use strict";
var VERSION = "sciatica-coach-v1";
var SHELL = [
  "/offline",
  "/learn",
  "/learn/safety",
  "/static/app.css",
  "/static/app.js",
  "/static/pending.js",
  "/static/icon-192.png",
  "/static/manifest.webmanifest"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function learnable(url) {
  return url.origin === self.location.origin &&
    (url.pathname === "/learn" || url.pathname.indexOf("/learn/") === 0 ||
     url.pathname.indexOf("/static/") === 0 || url.pathname === "/offline");
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (learnable(url)) {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(VERSION).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request).then(function (cached) {
          return cached || caches.match("/offline");
        });
      })
    );
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () { return caches.match("/offline"); }));
  }
});
