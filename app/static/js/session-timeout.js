// Session timeout warning (GOV.UK's pattern; app/views/auth/sessions.py keeps the limits).
// Typing, clicking and scrolling on the page is use: while there has been activity since the
// last contact, the script tells the server at most every few minutes (POST keep-alive), so the
// idle clock starts again. Before the idle limit it warns, with a button that keeps the session;
// when the session has ended anyway it says so and leaves the page (and the typed text) alone.
// The limits come from <body data-session-…> (base.html); nothing is stored in the browser.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseFloat(body.dataset.sessionIdleSeconds);
  if (!idle || !body.dataset.sessionKeepAlive) return;
  var warning = document.querySelector("[data-session-warning]");
  var warningText = document.querySelector("[data-session-warning-text]");
  var ended = document.querySelector("[data-session-ended]");
  var endedReason = document.querySelector("[data-session-ended-reason]");
  var back = document.querySelector("[data-session-back]");
  // Warn 5 minutes before the idle limit, or at half of a shorter limit.
  var lead = idle > 600 ? 300 : idle / 2;
  // Tell the server of activity at most this often (seconds).
  var pingEvery = Math.min(180, idle / 4);
  var loaded = now();
  var idleEnds = loaded + parseFloat(body.dataset.sessionIdleLeft || idle);
  var lifetimeEnds = loaded + parseFloat(body.dataset.sessionLifetimeLeft || Infinity);
  var lastContact = loaded;
  var active = false;
  var busy = false;
  var state = "on"; // on | warned | ended
  var returnFocus = null;

  function now() { return Date.now() / 1000; }

  function clock(seconds) {
    var at = new Date((Date.now() / 1000 + seconds - now()) * 1000);
    var sep = document.documentElement.lang === "sv" ? "." : ":";
    return String(at.getHours()).padStart(2, "0") + sep + String(at.getMinutes()).padStart(2, "0");
  }

  function request(method, url) {
    var headers = { "Accept": "application/json", "X-Requested-With": "fetch" };
    if (method === "POST") headers["X-CSRFToken"] = body.dataset.csrfToken;
    return fetch(url, { method: method, headers: headers, credentials: "same-origin" });
  }

  function showEnded(message) {
    state = "ended";
    warning.hidden = true;
    endedReason.textContent = message || "";
    ended.hidden = false;
    ended.focus();
  }

  // A 401 (keep-alive or status) is the server saying the session has ended, with why in its
  // JSON: say so. Resolves to true when it did.
  function endedBy(response) {
    if (response.status !== 401) return Promise.resolve(false);
    return response.json().catch(function () { return {}; }).then(function (data) {
      showEnded(data.message);
      return true;
    });
  }

  // The session's CSRF token into the script's requests and the forms on the page.
  function takeToken(token) {
    body.dataset.csrfToken = token;
    document.querySelectorAll("input[name='csrf_token']").forEach(function (input) {
      input.value = token;
    });
  }

  // Seconds left as the server sees them (another tab may have kept the session in use), with
  // a fresh CSRF token; asking is not use. null: ended (and said so); undefined: no answer.
  function status() {
    return request("GET", body.dataset.sessionStatus).then(function (response) {
      return endedBy(response).then(function (isEnded) {
        if (isEnded) return null;
        return response.ok ? response.json() : undefined;
      });
    }).catch(function () { return undefined; });
  }

  // A 400 is Flask-WTF refusing the token, not an ended session: another tab's log-in has
  // given the session a new token, or the token is older than WTF_CSRF_TIME_LIMIT (8 h, the
  // lifetime is 12 h). The status says which: ended (401, with why) or alive (200, with the
  // live token, taken here and in the forms; then the keep-alive is tried once more).
  function postKeepAlive(retried) {
    return request("POST", body.dataset.sessionKeepAlive).then(function (response) {
      if (response.status === 400 && !retried) {
        return status().then(function (data) {
          if (!data) return false;
          takeToken(data.csrf_token);
          return postKeepAlive(true);
        });
      }
      return endedBy(response).then(function (isEnded) { return !isEnded && response.ok; });
    });
  }

  function keepAlive() {
    if (busy || state === "ended") return Promise.resolve(false);
    busy = true;
    active = false;
    var sent = now();
    return postKeepAlive(false).then(function (alive) {
      if (alive) { lastContact = sent; idleEnds = sent + idle; }
      return alive;
    }).catch(function () { return false; }).finally(function () { busy = false; });
  }

  function hideWarning() {
    state = "on";
    // Give focus back only if it is still on the warning (not if the user went on typing).
    var onWarning = warning.contains(document.activeElement);
    warning.hidden = true;
    if (onWarning && returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  }

  function showWarning(ends, kind) {
    var template = warningText.dataset[kind];
    warningText.textContent = template.replace("{time}", clock(ends));
    warning.querySelector("[data-session-continue]").hidden = kind === "lifetime";
    if (state !== "warned") {
      returnFocus = document.activeElement;
      state = "warned";
      warning.hidden = false;
      warning.focus();
    }
  }

  function sync() {
    return status().then(function (data) {
      lastSync = now();
      if (data) {
        var at = now();
        idleEnds = at + data.idle;
        lifetimeEnds = at + data.lifetime;
      }
    });
  }

  var checking = false;
  var lastSync = 0;
  function tick() {
    if (state === "ended" || checking) return;
    var at = now();
    if (active && at - lastContact >= pingEvery) { keepAlive(); return; }
    var ends = Math.min(idleEnds, lifetimeEnds);
    if (at < ends - lead) { if (state === "warned") hideWarning(); return; }
    if (state === "warned" && at < ends && at - lastSync < Math.min(30, lead / 4)) return;
    checking = true;
    sync().then(function () {
      checking = false;
      if (state === "ended") return;
      var t = now();
      if (t >= Math.min(idleEnds, lifetimeEnds)) { sync(); return; }
      if (t >= lifetimeEnds - lead) showWarning(lifetimeEnds, "lifetime");
      else if (t >= idleEnds - lead) showWarning(idleEnds, "idle");
      else if (state === "warned") hideWarning();
    });
  }

  // After the session has ended: once the user has logged in again (in another tab), take the
  // new session's token into the forms here, so what was typed can be saved.
  function watchForReturn() {
    if (state !== "ended" || checking) return;
    checking = true;
    status().then(function (data) {
      checking = false;
      if (!data) return;
      takeToken(data.csrf_token);
      var at = now();
      idleEnds = at + data.idle;
      lifetimeEnds = at + data.lifetime;
      lastContact = at;
      ended.hidden = true;
      back.hidden = false;
      state = "on";
    });
  }

  function activity(event) {
    if (state === "ended") return;
    if (state === "warned" && warning.contains(event.target)) return;
    active = true;
  }

  ["input", "keydown", "click", "scroll"].forEach(function (name) {
    document.addEventListener(name, activity, { capture: true, passive: true });
  });
  warning.querySelector("[data-session-continue]").addEventListener("click", function () {
    keepAlive().then(function (alive) { if (alive) hideWarning(); });
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { watchForReturn(); tick(); }
  });
  window.addEventListener("focus", watchForReturn);
  setInterval(function () { if (state === "ended") watchForReturn(); else tick(); },
    Math.max(250, Math.min(5000, idle * 1000 / 20)));
})();
