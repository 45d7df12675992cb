// One Door web chat inside the widget's frame (widget.js). Loaded in <head> so that the compact layout applies
// before the first paint. It tells the embedding page when to close the panel (Escape), when a reply arrived and,
// only when this frame may not store it, the new session token; and it puts the cursor in the message box when
// the widget opens.
// Nothing is posted until the widget says hello: that message, from the parent window only, gives the page's
// origin, and every message goes to exactly that origin, never to "*". The hello also hands over the session the
// widget keeps for a frame that may not store one (webchat.js decides whether to take it).
(function () {
  "use strict";
  if (window.parent === window) { return; }
  document.documentElement.classList.add("onedoor-embedded");
  var parentOrigin = null;
  var untold = null;  // a session confirmed before the hello (a slow page), told as soon as the hello comes

  function tell(message) { if (parentOrigin) { window.parent.postMessage(message, parentOrigin); } }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { tell({ onedoor: "close" }); }
  });
  document.addEventListener("onedoor:reply", function () { tell({ onedoor: "reply" }); });
  document.addEventListener("onedoor:session", function (event) {
    untold = parentOrigin ? null : event.detail;
    tell({ onedoor: "session", session: event.detail });
  });
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data) { return; }
    if (event.data.onedoor === "hello" && parentOrigin === null) {
      parentOrigin = event.origin;
      var session = typeof event.data.session === "string" ? event.data.session : null;
      document.dispatchEvent(new CustomEvent("onedoor:handover", { detail: session }));
      if (untold) { tell({ onedoor: "session", session: untold }); }
    } else if (event.data.onedoor === "focus") {
      // Replies that came while the panel was hidden were added without a layout to scroll.
      var log = document.getElementById("onedoor-log");
      log.scrollTop = log.scrollHeight;
      document.getElementById("onedoor-input").focus();
    }
  });
})();
