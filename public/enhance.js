// @ts-check
// Progressive enhancement for the server-rendered citizen pages, which ship no framework
// JavaScript (docs/decisions/0003). Everything here is a convenience: each page works fully
// without it.
(function () {
  "use strict";

  // Print buttons exist only where JavaScript can run them.
  document.querySelectorAll("[data-action='print']").forEach(function (button) {
    button.removeAttribute("hidden");
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // The checklist follows the answers as they are chosen, without a page load.
  document.querySelectorAll("form[data-enhance='checklist']").forEach(function (node) {
    var form = /** @type {HTMLFormElement} */ (node);
    var pending = /** @type {AbortController | null} */ (null);
    form.addEventListener("change", function () {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        params.append(key, String(value));
      });
      var url = `${window.location.pathname}?${params.toString()}`;
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.text();
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("checklist");
          var current = document.getElementById("checklist");
          if (!next || !current) return;
          current.innerHTML = next.innerHTML;
          current.querySelectorAll("[data-action='print']").forEach(function (button) {
            button.removeAttribute("hidden");
            button.addEventListener("click", function () {
              window.print();
            });
          });
          window.history.replaceState(null, "", url);
        })
        .catch(function () {
          // Offline or aborted: the submit button still works.
        });
    });
  });

  // Proof of work (ALTCHA's SHA-256 scheme) for choosing a time: solved in the background while
  // the person looks at the times. Without it the server asks for a short wait instead. Where the
  // form names a hold endpoint (data-hold), the chosen time is held without leaving the page: a
  // held time goes on to the details form; a refused one updates the times and the message in
  // place and a fresh puzzle is solved for the next choice (routes/book-hold.ts).
  document.querySelectorAll("form[data-pow-challenge]").forEach(function (node) {
    var form = /** @type {HTMLFormElement} */ (node);
    var input = /** @type {HTMLInputElement | null} */ (form.querySelector("input[name='pow']"));
    if (!input || !window.crypto?.subtle) return;
    var d = form.dataset;
    var holdUrl = typeof window.fetch === "function" ? d.hold || null : null;
    var payload = /** @type {string | null} */ (null);
    var waiting = /** @type {HTMLButtonElement | null} */ (null);
    var sending = false;
    var solving = false;
    function start() {
      var challenge = String(d.powChallenge);
      payload = null;
      solving = true;
      solve(String(d.powSalt), challenge, Number(d.powMax)).then(function (number) {
        // A newer puzzle may have replaced this one meanwhile.
        if (challenge !== d.powChallenge) return;
        solving = false;
        if (number === null || !input) return;
        payload = btoa(JSON.stringify({ algorithm: d.powAlgorithm, challenge: d.powChallenge, number: number, salt: d.powSalt, signature: d.powSignature }));
        input.value = payload;
        if (waiting) {
          var button = waiting;
          waiting = null;
          if (holdUrl) hold(button);
          else submitWith(button);
        }
      });
    }
    function submitWith(/** @type {HTMLButtonElement} */ button) {
      var chosen = document.createElement("input");
      chosen.type = "hidden";
      chosen.name = button.name;
      chosen.value = button.value;
      form.appendChild(chosen);
      form.submit();
    }
    function hold(/** @type {HTMLButtonElement} */ button) {
      if (sending || !holdUrl || !payload) return;
      sending = true;
      form.setAttribute("aria-busy", "true");
      var body = new URLSearchParams();
      body.set("startsAt", button.value);
      body.set("pow", payload);
      // Each solution is used once, whatever the answer.
      payload = null;
      if (input) input.value = "";
      fetch(holdUrl, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json();
        })
        .then(function (/** @type {any} */ answer) {
          sending = false;
          if (answer.ok) {
            window.location.assign(answer.next);
            return;
          }
          form.removeAttribute("aria-busy");
          refused(answer);
        })
        .catch(function () {
          // Offline for a moment or an unexpected answer: the ordinary form takes over (without
          // a solution the server answers with its short wait).
          sending = false;
          submitWith(button);
        });
    }
    /** @param {{ message: string, times: { startsAt: string, time: string, places: string }[] | null, noneFree: string, challenge: Record<string, string | number> | null }} answer */
    function refused(answer) {
      var summary = /** @type {HTMLElement | null} */ (document.querySelector(".error-summary"));
      if (!summary) {
        summary = document.createElement("div");
        summary.className = "error-summary";
        summary.setAttribute("role", "alert");
        summary.tabIndex = -1;
        form.parentNode?.insertBefore(summary, form);
      }
      summary.textContent = "";
      var text = document.createElement("p");
      text.textContent = answer.message;
      summary.appendChild(text);
      summary.tabIndex = -1;
      summary.focus();
      if (answer.times && answer.times.length === 0) {
        var notice = document.createElement("p");
        notice.className = "notice";
        notice.textContent = answer.noneFree;
        form.replaceWith(notice);
        return;
      }
      var list = form.querySelector("ul");
      if (answer.times && list) {
        var ul = list;
        ul.textContent = "";
        answer.times.forEach(function (slot) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "submit";
          button.name = "startsAt";
          button.value = slot.startsAt;
          button.className = "time";
          button.textContent = slot.time;
          var places = document.createElement("span");
          places.className = "visually-hidden";
          places.textContent = ` ${slot.places}`;
          button.appendChild(places);
          item.appendChild(button);
          ul.appendChild(item);
        });
      }
      var c = answer.challenge;
      if (c) {
        d.powAlgorithm = String(c.algorithm);
        d.powChallenge = String(c.challenge);
        d.powSalt = String(c.salt);
        d.powMax = String(c.maxnumber);
        d.powSignature = String(c.signature);
        start();
      }
    }
    form.addEventListener("submit", function (event) {
      var submitter = /** @type {SubmitEvent} */ (event).submitter;
      var button = submitter instanceof HTMLButtonElement ? submitter : null;
      if (!holdUrl) {
        if (payload) return;
        event.preventDefault();
        waiting = button;
        form.setAttribute("aria-busy", "true");
        return;
      }
      event.preventDefault();
      if (!button || sending) return;
      if (payload) hold(button);
      // No puzzle to solve (e.g. after too many attempts): the ordinary form, with the server's wait.
      else if (!solving) submitWith(button);
      else {
        waiting = button;
        form.setAttribute("aria-busy", "true");
      }
    });
    start();
  });

  /** @param {string} salt @param {string} challenge @param {number} max @returns {Promise<number | null>} */
  function solve(salt, challenge, max) {
    var encoder = new TextEncoder();
    function hex(/** @type {ArrayBuffer} */ buffer) {
      return Array.prototype.map
        .call(new Uint8Array(buffer), function (b) {
          return `0${b.toString(16)}`.slice(-2);
        })
        .join("");
    }
    /** @param {number} start @returns {Promise<number | null>} */
    function batch(start) {
      var jobs = [];
      for (var n = start; n < Math.min(start + 500, max + 1); n++) {
        jobs.push(crypto.subtle.digest("SHA-256", encoder.encode(salt + n)));
      }
      return Promise.all(jobs).then(
        /** @param {ArrayBuffer[]} hashes @returns {number | null | Promise<number | null>} */ function (hashes) {
          for (var i = 0; i < hashes.length; i++) if (hex(/** @type {ArrayBuffer} */ (hashes[i])) === challenge) return start + i;
          return start + 500 > max ? null : batch(start + 500);
        },
      );
    }
    return batch(0);
  }

  // A visible countdown for a reserved appointment time. Screen readers hear it once, two
  // minutes before the end, not every second.
  document.querySelectorAll("[data-countdown]").forEach(function (node) {
    var el = /** @type {HTMLElement} */ (node);
    var end = Date.parse(el.getAttribute("data-countdown") || "");
    var announce = document.querySelector("[data-countdown-announce]");
    var numbers = new Intl.NumberFormat(el.getAttribute("data-digits") || undefined, { minimumIntegerDigits: 2 });
    var warned = false;
    el.removeAttribute("hidden");
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var time = `${numbers.format(Math.floor(left / 60))}:${numbers.format(left % 60)}`;
      el.textContent = (el.getAttribute("data-remaining") || "").replace("{{time}}", time);
      if (!warned && left <= 120 && announce) {
        warned = true;
        announce.textContent = el.getAttribute("data-warning") || "";
      }
      if (left > 0) window.setTimeout(tick, 1000);
    }
    tick();
  });

  // A board that keeps itself current (the waiting-room display): every data-refresh
  // milliseconds the page is fetched again and the element's content swapped. Rows marked
  // data-call that were not there before are read out through [data-refresh-announce].
  document.querySelectorAll("[data-refresh][id]").forEach(function (node) {
    var board = /** @type {HTMLElement} */ (node);
    var every = Math.max(2000, Number(board.getAttribute("data-refresh")) || 5000);
    var announce = document.querySelector("[data-refresh-announce]");
    var seen = callsIn(board);
    var busy = false;
    function callsIn(/** @type {ParentNode} */ root) {
      var keys = /** @type {Record<string, string>} */ ({});
      root.querySelectorAll("[data-call]").forEach(function (row) {
        keys[row.getAttribute("data-call") || ""] = row.getAttribute("data-announce") || "";
      });
      return keys;
    }
    function refresh() {
      if (busy) return;
      busy = true;
      fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (!html) return;
          var next = new DOMParser().parseFromString(html, "text/html").getElementById(board.id);
          if (!next) return;
          var calls = callsIn(next);
          var fresh = Object.keys(calls).filter(function (key) {
            return !(key in seen);
          });
          board.innerHTML = next.innerHTML;
          seen = calls;
          // Newest first on the board; read out in the order they were called.
          if (announce && fresh.length > 0) {
            announce.textContent = fresh
              .reverse()
              .map(function (key) {
                return calls[key];
              })
              .join(" ");
          }
        })
        .catch(function () {
          // Offline for a moment: the next round tries again; the reload link still works.
        })
        .then(function () {
          busy = false;
        });
    }
    window.setInterval(refresh, every);
  });
})();
