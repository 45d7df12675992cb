// One Door web chat inside the widget's frame (widget.js). Loaded in <head> so that the compact layout applies
// before the first paint. It tells the embedding page when to close the panel (Escape), when a reply arrived and,
// only when this frame may not store it, the new session id; and it puts the cursor in the message box when the
// widget opens. Nothing it sends holds what anyone wrote, so it may go to whichever page embeds the chat (which
// is the page the session belongs to); it listens to its parent window only.
(function () {
  "use strict";
  if (window.parent === window) { return; }
  document.documentElement.classList.add("onedoor-embedded");

  function tell(kind, session) { window.parent.postMessage({ onedoor: kind, session: session }, "*"); }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { tell("close"); }
  });
  document.addEventListener("onedoor:reply", function () { tell("reply"); });
  document.addEventListener("onedoor:session", function (event) { tell("session", event.detail); });
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.onedoor !== "focus") { return; }
    // Replies that came while the panel was hidden were added without a layout to scroll.
    var log = document.getElementById("onedoor-log");
    log.scrollTop = log.scrollHeight;
    document.getElementById("onedoor-input").focus();
  });
})();
