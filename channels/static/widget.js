// One Door web chat widget: one <script> tag adds a chat launcher and panel to any page.
//
//   <script src="https://ASSISTANT/webhooks/webchat/static/widget.js" data-title="City assistant" defer></script>
//
// Why a shadow root and a frame: the launcher and panel live in a shadow root, so the host page's stylesheet can
// neither hide nor restyle them and ours cannot leak into the page. The conversation is the assistant's own chat
// page in an <iframe>, so it runs on the assistant's origin (its socket, its stored session, its history) and the
// host page's scripts cannot read what a resident writes. The two talk through postMessage, each only to the
// other's origin, in signals without content: "hello" and "focus" from here, "close" (Escape) and "reply" from the
// frame.
//
// Browsers increasingly refuse storage to third-party frames. Then the frame hands its session token to this
// script, which keeps it in the host page's own localStorage and hands it back in a "hello" message posted to the
// assistant's origin only, once the frame has loaded, so the conversation still survives a reload. A URL never
// carries it, so a link cannot choose a session (docs/adr/0007-web-chat-sessions.md). The cost: scripts on the
// host page can read that token.
//
// Once opened, the panel reopens after a reload or on the next page of the site, and the frame stays loaded while
// the panel is closed, so staff replies and case updates still arrive: the launcher then shows a badge and a
// polite live region says so.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || document.querySelector("onedoor-chat")) { return; }
  // The host page's language (or data-lang) picks the widget's words and the chat's; the city's own when it
  // has no such language. The words come from the assistant (GET ../strings), English until they arrive.
  var lang = script.getAttribute("data-lang") || document.documentElement.lang || "en";
  var strings = {
    widget_default_title: "City assistant", launcher: "Chat with {title}", launcher_unread: " (new message)",
    close_button: "Close", frame_title: "{title} conversation", new_message_announcement: "New message from {title}"
  };
  var title = null;
  var chatUrl = new URL("../chat?lang=" + encodeURIComponent(lang), script.src).href;
  var origin = new URL(script.src).origin;
  var OPEN_KEY = "onedoor.widget.open";        // sessionStorage: the panel was open when the page was left
  var STARTED_KEY = "onedoor.widget.started";  // localStorage: this visitor has a conversation to keep live
  var SESSION_KEY = "onedoor.widget.session";  // localStorage: the session token, when the frame may not store it
  var TOKEN = /^[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/;

  // Sizes are in px, not rem: rem follows the host page's root font size, which pages often shrink.
  var CSS = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; min-height: 44px;",
    "  padding: 10px 18px; font: 600 16px/1.2 system-ui, sans-serif; color: #fff; background: #1a4480;",
    "  border: 2px solid #fff; border-radius: 24px; box-shadow: 0 2px 8px rgba(0, 0, 0, .35); cursor: pointer; }",
    ".launcher:hover { background: #162e51; }",
    ".badge { display: inline-block; width: 12px; height: 12px; margin-left: 8px; border-radius: 50%;",
    "  background: #fff; border: 2px solid #d83933; }",
    ".badge[hidden] { display: none; }",
    ".panel { position: fixed; right: 16px; bottom: 76px; z-index: 2147483001; display: flex;",
    "  flex-direction: column; width: 384px; height: 576px; max-width: calc(100vw - 32px);",
    "  max-height: calc(100vh - 96px); background: #f4f5f7; color: #1b1b1b; border: 1px solid #565c65;",
    "  border-radius: 12px; overflow: hidden; box-shadow: 0 4px 16px rgba(0, 0, 0, .35);",
    "  font: 16px/1.45 system-ui, sans-serif; }",
    ".panel[hidden] { display: none; }",
    ".header { display: flex; align-items: center; justify-content: space-between; gap: 8px;",
    "  padding: 6px 8px 6px 14px; color: #fff; background: #1a4480; }",
    "h2 { margin: 0; font-size: 18px; overflow-wrap: anywhere; }",
    ".close { min-height: 44px; padding: 5px 13px; font: inherit; color: #1a4480; background: #fff;",
    "  border: 0; border-radius: 8px; cursor: pointer; }",
    "iframe { flex: 1 1 auto; width: 100%; min-height: 0; border: 0; }",
    ":focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }",
    ".hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;",
    "  clip: rect(0 0 0 0); white-space: nowrap; }",
    // A phone, or a short window: the panel takes the whole screen.
    "@media (max-width: 480px), (max-height: 512px) {",
    "  .panel { inset: 0; width: auto; height: auto; max-width: none; max-height: none; border: 0;",
    "    border-radius: 0; } }"
  ].join("\n");

  function fill(template) { return template.replace("{title}", title); }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // Host pages may block or sandbox storage; the widget then simply forgets between pages.
  function load(area, key) {
    try { return window[area].getItem(key); } catch (e) { return null; }
  }

  function save(area, key, value) {
    try {
      if (value === null) { window[area].removeItem(key); } else { window[area].setItem(key, value); }
    } catch (e) { /* forgotten */ }
  }

  function start() {
    var host = element("onedoor-chat", {});
    var root = host.attachShadow({ mode: "open" });
    var style = element("style", {}, CSS);
    var launcher = element("button", { type: "button", "class": "launcher", "aria-expanded": "false",
                                       "aria-controls": "panel" });
    var launcherText = document.createTextNode("");
    var badge = element("span", { "class": "badge", hidden: "" });
    var unread = element("span", { "class": "hidden", hidden: "" });
    var panel = element("section", { id: "panel", "class": "panel", role: "dialog", "aria-labelledby": "heading",
                                     hidden: "" });
    var header = element("div", { "class": "header" });
    var heading = element("h2", { id: "heading" });
    var close = element("button", { type: "button", "class": "close" });
    var announcer = element("p", { "class": "hidden", "aria-live": "polite" });
    var frame = null;
    var frameLoaded = false;
    var focusWhenLoaded = false;

    launcher.append(launcherText, badge, unread);
    header.append(heading, close);
    panel.append(header);
    root.append(style, launcher, panel, announcer);
    document.body.appendChild(host);

    // Every word the widget shows, in the current `strings`: once now, again when the page's language arrives.
    function relabel() {
      title = script.getAttribute("data-title") || strings.widget_default_title;
      launcherText.textContent = fill(strings.launcher);
      unread.textContent = strings.launcher_unread;
      heading.textContent = title;
      close.textContent = strings.close_button;
      if (frame) { frame.title = fill(strings.frame_title); }
    }
    relabel();

    function showUnread(shown) {
      badge.hidden = !shown;
      unread.hidden = !shown;
    }

    function focusChat() {
      frame.focus();
      frame.contentWindow.postMessage({ onedoor: "focus" }, origin);
    }

    function ensureFrame() {
      if (frame) { return; }
      frame = element("iframe", { src: chatUrl, title: fill(strings.frame_title) });
      frame.addEventListener("load", function () {
        frameLoaded = true;
        var session = load("localStorage", SESSION_KEY);
        frame.contentWindow.postMessage({ onedoor: "hello", session: TOKEN.test(session || "") ? session : null },
                                        origin);
        if (focusWhenLoaded) { focusChat(); }
      });
      panel.appendChild(frame);
      save("localStorage", STARTED_KEY, "1");
    }

    function open(moveFocus) {
      ensureFrame();
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      showUnread(false);
      save("sessionStorage", OPEN_KEY, "1");
      if (!moveFocus) { return; }
      if (frameLoaded) { focusChat(); } else { focusWhenLoaded = true; }
    }

    function hide() {
      panel.hidden = true;
      focusWhenLoaded = false;
      launcher.setAttribute("aria-expanded", "false");
      save("sessionStorage", OPEN_KEY, null);
      launcher.focus();
    }

    launcher.addEventListener("click", function () { if (panel.hidden) { open(true); } else { hide(); } });
    close.addEventListener("click", hide);
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
    window.addEventListener("message", function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin || !event.data) { return; }
      if (event.data.onedoor === "close" && !panel.hidden) {
        hide();
      } else if (event.data.onedoor === "session" && TOKEN.test(event.data.session)) {
        save("localStorage", SESSION_KEY, event.data.session);
      } else if (event.data.onedoor === "reply" && panel.hidden) {
        showUnread(true);
        // Emptied first, so that a second message while closed is announced again.
        announcer.textContent = "";
        setTimeout(function () { announcer.textContent = fill(strings.new_message_announcement); }, 100);
      }
    });

    if (load("sessionStorage", OPEN_KEY)) {
      open(false);
    } else if (load("localStorage", STARTED_KEY)) {
      ensureFrame();
    }
    return relabel;
  }

  // The launcher is there at once (a keyboard user may tab to it straight away), in English until the page's
  // language arrives, then relabelled.
  var started = new Promise(function (resolve) {
    if (document.body) { resolve(start()); } else {
      document.addEventListener("DOMContentLoaded", function () { resolve(start()); });
    }
  });
  fetch(new URL("../strings?lang=" + encodeURIComponent(lang), script.src).href)
    .then(function (reply) { return reply.ok ? reply.json() : {}; })
    .then(function (words) {
      Object.keys(strings).forEach(function (key) { strings[key] = words[key] || strings[key]; });
      return started;
    })
    .then(function (relabel) { relabel(); })
    .catch(function () { /* the English words stand */ });
})();
