// One Door web chat client. It speaks Socket.IO (Engine.IO v4) over a WebSocket, the protocol of Rasa's
// socket.io channel, so it needs no third-party script. The server issues the session: a signed token that lives
// in localStorage; on load the page asks the server for the conversation so far (the token in a header, never in
// the URL), so a reload shows replies that arrived while it was closed (staff replies, case updates), and falls
// back to its own copy when the server cannot say.
// New replies are read out by screen readers through a separate polite live region rather than the log itself,
// so that restoring the history on load is not read out again.
// Browsers that refuse storage to third-party frames leave the embedded chat without localStorage; the page then
// waits briefly for the widget above it to hand over the session it keeps (frame.js, "onedoor:handover") and
// announces each new session ("onedoor:session"), so that the widget keeps it in the host page's storage instead.
// Nothing in the URL is ever taken for a session: a link cannot choose a resident's conversation.
// The server's welcome (who is writing, what it can do, "person" for staff, the privacy notice) comes with every
// session confirmation and stays above the transcript, outside it. Links, e-mail addresses and phone numbers in
// the assistant's replies become links built as DOM nodes (tel: for numbers), never through innerHTML. Buttons
// answer only the question they came with: once the resident sends anything, or a newer question brings its own
// buttons, the older ones are disabled, also when the transcript is replayed after a reload. A message over the
// server's length limit is not sent (nor cut): the resident keeps it and is told.
// The page is served in the resident's language (its <html lang>, its words in #onedoor-strings); every message
// and the session request carry that language, which the assistant takes until the resident's words say another.
(function () {
  "use strict";
  var SESSION_KEY = "onedoor.session";
  var TRANSCRIPT_KEY = "onedoor.transcript";
  var ANNOUNCED_LINES = 3;
  var TOKEN = /^[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/;
  var HANDOVER_MS = 1500;
  var log = document.getElementById("onedoor-log");
  var announcer = document.getElementById("onedoor-announcer");
  var form = document.getElementById("onedoor-form");
  var input = document.getElementById("onedoor-input");
  var status = document.getElementById("onedoor-status");
  var strings = JSON.parse(document.getElementById("onedoor-strings").textContent);
  var lang = document.documentElement.lang;
  var socketPath = "/socket.io/?EIO=4&transport=websocket";
  var socket = null;
  var pending = [];
  var maxChars = 4000;  // until the server's welcome says its own limit
  // http(s) links, e-mail addresses, North American numbers such as (555) 010-0311, and 911, 988 and 311 (but not
  // in a name: "311 Contact Center").
  var LINKABLE = /(https?:\/\/[^\s<>"']+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})|((?:\+?1[ .-]?)?\(?\b\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b)|((?<![\w$.\/-])(?:911|988|311)(?![\w\/-]|\s+[A-Z][a-z]))/g;
  var TRAILING = /[.,;:!?)]+$/;

  var storage = (function () {
    try { localStorage.setItem(SESSION_KEY + ".probe", "1"); localStorage.removeItem(SESSION_KEY + ".probe"); }
    catch (e) { return null; }
    return localStorage;
  })();
  var stored = load(SESSION_KEY);
  var sessionId = stored && TOKEN.test(stored) ? stored : null;

  function load(key) { return storage && storage.getItem(key); }
  function keep(key, value) { if (storage) { storage.setItem(key, value); } }

  function transcript() {
    try { return JSON.parse(load(TRANSCRIPT_KEY)) || []; } catch (e) { return []; }
  }

  function remember(entry) {
    var all = transcript();
    all.push(entry);
    keep(TRANSCRIPT_KEY, JSON.stringify(all.slice(-200)));
  }

  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    if (href.indexOf("http") === 0) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }

  function telHref(number) {
    var digits = number.replace(/[^\d]/g, "");
    return "tel:" + (digits.length === 10 ? "+1" + digits : digits.length === 11 ? "+" + digits : digits);
  }

  // The text as text nodes, with links, e-mail addresses and phone numbers as links. Never innerHTML.
  function rich(parent, text) {
    var at = 0;
    text.replace(LINKABLE, function (match, url, email, phone, code, offset) {
      var shown = url ? match.replace(TRAILING, "") : match;
      parent.appendChild(document.createTextNode(text.slice(at, offset)));
      parent.appendChild(link(url ? shown : email ? "mailto:" + shown : telHref(shown), shown));
      at = offset + shown.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // An old button must not answer a new question, after a reload too.
  function retireButtons() {
    Array.prototype.forEach.call(log.querySelectorAll(".onedoor-msg .onedoor-buttons button"), function (b) {
      b.disabled = true;
    });
  }

  function render(entry) {
    var hasButtons = entry.buttons && entry.buttons.length;
    if (entry.from === "user" || hasButtons) { retireButtons(); }
    var item = document.createElement("li");
    item.className = "onedoor-msg " + entry.from;
    var text = document.createElement("span");
    if (entry.from === "bot") { rich(text, entry.text); } else { text.textContent = entry.text; }
    item.appendChild(text);
    if (hasButtons) {
      var group = document.createElement("div");
      group.className = "onedoor-buttons";
      entry.buttons.forEach(function (button) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = button.title;
        b.addEventListener("click", function () { send(button.title, button.payload); });
        group.appendChild(b);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;  // not scrollIntoView, which would also scroll a page embedding the chat
  }

  function add(entry) { remember(entry); render(entry); }

  function welcome(body) {
    if (!body || typeof body.text !== "string") { return; }
    if (typeof body.max_chars === "number" && body.max_chars > 0) { maxChars = body.max_chars; }
    var item = document.getElementById("onedoor-welcome");
    var first = !item;
    if (first) {
      item = document.createElement("li");
      item.id = "onedoor-welcome";
      item.className = "onedoor-welcome";
    }
    item.textContent = "";
    rich(item, body.text);
    if (first) {
      log.insertBefore(item, log.firstChild);
      if (!log.querySelector(".onedoor-msg")) { announce(body.text); }
    }
  }

  function length(text) { return Array.from(text).length; }  // code points, as the server counts

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  var warned = false;
  function tooLong(text) {
    var over = length(text) > maxChars;
    if (over) {
      status.textContent = fill(strings.too_long, { count: length(text), limit: maxChars });
    } else if (warned) {
      status.textContent = "";
    }
    warned = over;
    return over;
  }

  function announce(text) {
    var line = document.createElement("p");
    line.textContent = text;
    announcer.appendChild(line);
    while (announcer.childNodes.length > ANNOUNCED_LINES) { announcer.removeChild(announcer.firstChild); }
  }

  function emit(event, payload) { socket.send("42" + JSON.stringify([event, payload])); }

  function send(shown, message) {
    add({ from: "user", text: shown });
    if (socket && socket.readyState === WebSocket.OPEN && sessionId) {
      emit("user_uttered", { message: message, session_id: sessionId, lang: lang });
    } else {
      pending.push(message);
    }
  }

  function onPacket(data) {
    if (data === "2") { socket.send("3"); return; }            // Engine.IO ping -> pong
    if (data.charAt(0) === "0") { socket.send("40"); return; } // Engine.IO open -> join the namespace
    if (data.indexOf("40") === 0) { emit("session_request", { session_id: sessionId, lang: lang }); return; }
    if (data.indexOf("42") !== 0) { return; }
    var packet = JSON.parse(data.slice(2));
    if (packet[0] === "session_confirm") {
      if (!storage && packet[1] !== sessionId) {
        document.dispatchEvent(new CustomEvent("onedoor:session", { detail: packet[1] }));
      }
      sessionId = packet[1];
      keep(SESSION_KEY, sessionId);
      status.textContent = "";
      while (pending.length) { emit("user_uttered", { message: pending.shift(), session_id: sessionId, lang: lang }); }
    } else if (packet[0] === "welcome") {
      welcome(packet[1]);
    } else if (packet[0] === "bot_uttered") {
      var reply = packet[1] || {};
      add({ from: "bot", text: reply.text || "", buttons: reply.quick_replies || reply.buttons || [] });
      announce(reply.text || "");
      document.dispatchEvent(new CustomEvent("onedoor:reply"));
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + socketPath);
    socket.onmessage = function (event) { onPacket(event.data); };
    socket.onclose = function () {
      status.textContent = strings.connection_lost;
      setTimeout(connect, 2000);
    };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || tooLong(text)) { return; }
    input.value = "";
    send(text, text);
  });

  input.addEventListener("input", function () { tooLong(input.value.trim()); });

  function restore() {
    if (!sessionId) { transcript().forEach(render); return Promise.resolve(); }
    return fetch("history", { headers: { Authorization: "Bearer " + sessionId }, cache: "no-store" })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (body) {
        keep(TRANSCRIPT_KEY, JSON.stringify(body.messages.slice(-200)));
        body.messages.forEach(render);
      })
      .catch(function () { transcript().forEach(render); });
  }

  // Only a frame that may not store anything, under the widget, is handed a session; a page a link opened is not.
  // A hand-over that comes after the wait is ignored: the page has started a session of its own by then.
  function handedOver() {
    if (storage || window.parent === window) { return Promise.resolve(); }
    return new Promise(function (resolve) {
      var timer = setTimeout(function () { timer = null; resolve(); }, HANDOVER_MS);
      document.addEventListener("onedoor:handover", function (event) {
        if (timer === null) { return; }
        clearTimeout(timer);
        timer = null;
        if (TOKEN.test(event.detail || "")) { sessionId = event.detail; }
        resolve();
      }, { once: true });
    });
  }

  handedOver().then(restore).then(connect);
})();
