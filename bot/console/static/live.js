// Live console pages: queue changes and residents' new messages arrive as server-sent events from /live
// (bot/console/live.py), and a wait past its standard raises an alert at once. Only if the stream fails do the
// page's parts refresh every 15 seconds instead.
(function () {
  "use strict";
  var QUEUE_CHANGES = ["queued", "claimed", "released", "transferred", "escalated", "late", "closed"];
  var FALLBACK_MS = 15000;
  var queue = document.getElementById("queue");
  var transcript = document.getElementById("transcript");
  var alerts = document.getElementById("alerts");
  var fallback = null;

  // Redraw a part of the page from its data-src; a half-written reply elsewhere on the page is kept.
  function refresh(part) {
    if (!part) { return; }
    fetch(part.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { part.innerHTML = html; } });
  }

  function refreshAll() { refresh(queue); refresh(transcript); }

  // Built with text nodes, never innerHTML, although the agency's name comes from the catalogue.
  function raiseAlert(data) {
    if (!alerts) { return; }
    var line = document.createElement("p");
    line.className = "alert-late";
    line.appendChild(document.createTextNode("Late: a conversation in the " + data.agency +
      " queue has waited past its standard. "));
    var link = document.createElement("a");
    link.href = "/handoffs/" + encodeURIComponent(data.handoff);
    link.textContent = "Open it";
    line.appendChild(link);
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", function () {
      line.remove();
      alerts.hidden = alerts.children.length === 0;
    });
    line.appendChild(document.createTextNode(" "));
    line.appendChild(dismiss);
    alerts.appendChild(line);
    alerts.hidden = false;
  }

  function startFallback() {
    if (fallback === null && (queue || transcript)) { fallback = setInterval(refreshAll, FALLBACK_MS); }
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
  source.addEventListener("late", function (e) { raiseAlert(JSON.parse(e.data)); });
  source.addEventListener("message", function (e) {
    if (transcript && String(JSON.parse(e.data).handoff) === transcript.getAttribute("data-handoff")) {
      refresh(transcript);
    }
  });
})();
