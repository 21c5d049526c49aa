/* Kinerja survey kiosk (a counter's tablet): answers given while the network is down are kept on
   the tablet and sent, oldest first, with the moment they were given, when it returns. Without
   this script the kiosk still works online: the form posts and the thanks page comes back. */
(function () {
  "use strict";

  const script = document.currentScript;
  const form = document.getElementById("survey-form");
  const thanks = document.getElementById("kiosk-thanks");
  const waiting = document.getElementById("kiosk-queue");
  if (!form || !thanks || !waiting || !window.fetch || !window.localStorage) {
    return;
  }
  const QUEUE_KEY = "kinerja-kiosk-queue:" + location.pathname;
  const RETRY_MS = 30000;
  const returnSeconds = Number(thanks.dataset.returnSeconds) || 8;
  let sending = false;

  if ("serviceWorker" in navigator && script && script.dataset.worker) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: script.dataset.scope }).catch(() => {});
  }

  function readQueue() {
    try {
      const kept = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    showWaiting(queue.length);
  }

  function showWaiting(count) {
    waiting.hidden = count === 0;
    waiting.textContent = count === 1 ? waiting.dataset.one : waiting.dataset.many.replace("{count}", String(count));
  }

  function token() {
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(body) {
    body.set("csrfmiddlewaretoken", token());
    return fetch(form.action || location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
    });
  }

  // A kept answer is done when the server recorded it (the thanks), already had it (409) or
  // will never take it (400, 403, 404, 413); a limit (429), a server error or no network
  // keeps it for the next try.
  function isFinal(response) {
    return response.ok || [400, 403, 404, 409, 413].includes(response.status);
  }

  async function sendKept() {
    if (sending) {
      return;
    }
    sending = true;
    try {
      let queue = readQueue();
      while (queue.length) {
        const response = await post(new URLSearchParams(queue[0]));
        if (!isFinal(response)) {
          break;
        }
        queue = readQueue().slice(1);
        writeQueue(queue);
      }
    } catch (error) {
      /* still offline: the next try comes */
    } finally {
      sending = false;
    }
  }

  function showThanks(kept) {
    form.hidden = true;
    thanks.hidden = false;
    thanks.querySelector("[data-sent]").hidden = kept;
    thanks.querySelector("[data-kept]").hidden = !kept;
    thanks.focus();
    window.scrollTo(0, 0);
    window.setTimeout(() => {
      form.reset();
      thanks.hidden = true;
      form.hidden = false;
      window.scrollTo(0, 0);
    }, returnSeconds * 1000);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    body.set("answered_at", new Date().toISOString());
    try {
      const response = await post(body);
      if (response.ok || response.status === 409) {
        showThanks(false);
        sendKept();
      } else {
        form.submit(); // the server's own page: its message, with every answer kept
      }
    } catch (error) {
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      body.delete("csrfmiddlewaretoken");
      writeQueue(readQueue().concat([body.toString()]));
      showThanks(true);
    }
  });

  showWaiting(readQueue().length);
  window.addEventListener("online", sendKept);
  window.setInterval(sendKept, RETRY_MS);
  sendKept();
})();
