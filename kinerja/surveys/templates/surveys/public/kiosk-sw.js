{% load static %}/* Kinerja survey kiosk: keeps the kiosk pages and their assets so that a counter's tablet
   shows the survey without a network. Pages are fetched from the network first and kept; the
   kept copy answers only when the network fails. Answers never pass through here: the page
   keeps them (surveys/kiosk.js). */
"use strict";

const ASSETS = ["{% static 'surveys/public.css' %}", "{% static 'surveys/kiosk.js' %}"].map((path) => new URL(path, self.location.origin).pathname);
const CACHE = "kinerja-kiosk:" + ASSETS.join("|");

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("kinerja-kiosk:") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

function isKept(url) {
  const asset = ASSETS.includes(url.pathname);
  const kioskPage = url.pathname.startsWith("{{ scope|escapejs }}") && url.searchParams.get("kiosk") === "1";
  return url.origin === self.location.origin && (asset || kioskPage);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !isKept(new URL(request.url))) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((kept) => kept || Response.error()))
  );
});
