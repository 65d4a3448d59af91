// The service worker. Why so little: the journal is health data and must never sit in a
// cache, so only the app shell (styles, scripts, icons), the Learn pages (with their pictures
// and the blank body map, which carries no journal) and the offline page are kept; never a
// session, plan or journal page, nor any other /api/ answer. The offline page reads what this
// phone still has to send (pending.js: a stop or a pause pressed without contact) from the
// browser's own storage, not from any cache. Learn pages: network first, the cached copy when
// offline. Everything else goes to the server; a page that cannot be reached offline gets the
// offline page. The cache is named by the app's version and a hash of its files (set by the
// server when it serves this script), so an upgrade is a new worker with a new cache.
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
  // Kept whole: the shell must all be there (else this worker is not installed and the old one
  // stays). Then every Learn page the app lists, and the pictures and files those pages use,
  // so any Learn page opens offline, not only those already opened; one that fails is left out.
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      return cache.addAll(SHELL).then(function () { return keepLearn(cache); });
    }).then(function () { return self.skipWaiting(); })
  );
});

function keepLearn(cache) {
  return fetch("/learn/pages.json").then(function (answer) { return answer.json(); })
    .then(function (listed) {
      return Promise.all(listed.pages.map(function (page) {
        return fetchTwice(page).then(function (answer) {
          if (!answer.ok || answer.redirected) { return []; }
          return cache.put(page, answer.clone()).then(function () { return answer.text(); })
            .then(usedBy);
        }).catch(function () { return []; });
      }));
    }).then(function (lists) {
      var wanted = {};
      lists.forEach(function (list) { list.forEach(function (url) { wanted[url] = true; }); });
      return Promise.all(Object.keys(wanted).map(function (url) {
        return cache.match(url).then(function (kept) {
          return kept || cache.add(url).catch(function () {});
        });
      }));
    }).catch(function () {});  // no list (an older server): the shell alone, as before
}

function fetchTwice(url) {
  // A page that fails to arrive (a busy server, a wifi blip) is asked for once more before it
  // is left out: a Learn page missing from the cache is one that will not open offline.
  return fetch(url).then(function (answer) {
    return answer.ok || answer.redirected || answer.status < 500 ? answer : fetch(url);
  }, function () { return fetch(url); });
}

function usedBy(html) {
  // The pictures and files a Learn page uses: its src and href to /static/, to its pictures,
  // and to the blank body map (a muscle's pattern: the same for everyone, no journal in it).
  var found = [], match, pattern =
    /(?:src|href)="(\/(?:static\/|learn\/pictures\/|api\/figures\/body-map\.svg)[^"]*)"/g;
  while ((match = pattern.exec(html)) !== null) { found.push(match[1].replace(/&amp;/g, "&")); }
  return found;
}

self.addEventListener("activate", function (event) {
  // Every other cache is an older version's: deleted, so an upgrade serves only its own files.
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

var BLANK_MAP = "/api/figures/body-map.svg";  // the only /api/ answer kept: no personal data

function learnable(url) {
  return url.origin === self.location.origin &&
    (url.pathname === "/learn" || url.pathname.indexOf("/learn/") === 0 ||
     url.pathname.indexOf("/static/") === 0 || url.pathname === "/offline" ||
     url.pathname === BLANK_MAP);
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
