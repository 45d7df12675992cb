// New messages from the resident appear without a reload, and without losing a half-written reply.
(function () {
  var transcript = document.getElementById("transcript");
  if (!transcript) { return; }
  var source = transcript.getAttribute("data-src");
  setInterval(function () {
    fetch(source, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { transcript.innerHTML = html; } });
  }, 5000);
})();
