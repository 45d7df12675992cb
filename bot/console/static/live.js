// Live console pages: queue changes and residents' new messages arrive as server-sent events from /live/events
// (bot/console/live.py), and a wait past its standard raises an alert at once, shown until someone acknowledges it.
// Only if the stream fails do the page's parts refresh every 15 seconds instead.
(function () {
  "use strict";
  var QUEUE_CHANGES = ["queued", "claimed", "released", "transferred", "escalated", "late", "closed"];
  var FALLBACK_MS = 15000;
  var queue = document.getElementById("queue");
  var transcript = document.getElementById("transcript");
  var alerts = document.getElementById("alerts");
  var fallback = null;

  // Redraw a part of the page from its data-src, then call `drawn`; a half-written reply elsewhere on the page
  // is kept.
  function refresh(part, drawn) {
    if (!part) { return; }
    fetch(part.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        part.innerHTML = html;
        if (drawn) { drawn(); }
      });
  }

  // The open breach alerts, kept on the server until acknowledged: redrawn when the stream opens (so after a
  // reload or on another page) and whenever one is raised or acknowledged anywhere.
  function refreshAlerts() {
    refresh(alerts, function () { alerts.hidden = alerts.querySelector(".alert-late") === null; });
  }

  function refreshAll() { refresh(queue); refresh(transcript); refreshAlerts(); }

  // Acknowledging stays on the page; without this script the form posts and returns to the queue.
  if (alerts) {
    alerts.addEventListener("submit", function (e) {
      var form = e.target;
      if (!form.classList || !form.classList.contains("acknowledge")) { return; }
      e.preventDefault();
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
        .then(refreshAlerts);
    });
  }

  function startFallback() {
    if (fallback === null) { fallback = setInterval(refreshAll, FALLBACK_MS); }
  }

  if (!window.EventSource) { startFallback(); return; }
  var source = new EventSource("/live/events");
  source.addEventListener("open", function () {
    if (fallback !== null) { clearInterval(fallback); fallback = null; }
    // Catch up on what changed between drawing the page (or losing the stream) and hearing again.
    refreshAll();
    document.documentElement.setAttribute("data-live", "open");
  });
  source.addEventListener("error", function () {
    document.documentElement.setAttribute("data-live", "down");
    startFallback();
  });
  QUEUE_CHANGES.forEach(function (kind) {
    source.addEventListener(kind, function () { refresh(queue); });
  });
  ["late", "acknowledged"].forEach(function (kind) { source.addEventListener(kind, refreshAlerts); });
  source.addEventListener("message", function (e) {
    if (transcript && String(JSON.parse(e.data).handoff) === transcript.getAttribute("data-handoff")) {
      refresh(transcript);
    }
  });
})();
