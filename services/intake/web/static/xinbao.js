// Xinbao pages: small enhancements only; every page works without this file.
// - pasted text (from Word, web pages) is tidied into paragraphs separated by a blank line
// - the quality card refreshes as the author types, and "check quality" asks without a reload
// - a print button on the briefing proof
// Requests the scripts make carry the session's CSRF token (X-CSRF-Token, from <meta name="csrf-token">).
"use strict";

(function () {
  var SPACES = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

  function csrfHeaders() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? { "X-CSRF-Token": meta.content } : {};
  }

  function tidyParagraphs(text) {
    return text
      .replace(/\r\n?/g, "\n")
      .replace(/[\u000b\u2028\u2029]/g, "\n")
      .split("\n")
      .map(function (line) { return line.replace(SPACES, "").replace(/\t+/g, " "); })
      .filter(function (line) { return line.length > 0; })
      .join("\n\n");
  }

  // Counted as the scoring rubric counts: Chinese in characters (letters, digits, CJK; no
  // spaces or punctuation), English in words; Chinese when CJK is at least a quarter of Latin.
  function countText(text) {
    var cjk = (text.match(/[\u4e00-\u9fff]/g) || []).length;
    var latin = (text.match(/[A-Za-z]/g) || []).length;
    var chinese = cjk >= latin / 4;
    var n = chinese ? (text.match(/[\p{L}\p{N}]/gu) || []).length : (text.match(/[\p{L}\p{N}]+/gu) || []).length;
    var paragraphs = text.split(/\n\s*\n/).filter(function (p) { return p.trim(); }).length;
    return { n: n, paragraphs: paragraphs, chinese: chinese };
  }

  function say(status, message) {
    if (!status) { return; }
    status.dataset.note = message;
    updateStatus(status);
  }

  function updateStatus(status) {
    var body = document.getElementById("body");
    if (!status || !body) { return; }
    var n = countText(body.value);
    var template = n.chinese ? status.dataset.template : status.dataset.templateWords;
    var text = template.replace("{n}", n.n).replace("{p}", n.paragraphs);
    status.textContent = status.dataset.note ? text + " · " + status.dataset.note : text;
  }

  function onPaste(event) {
    var data = event.clipboardData;
    if (!data) { return; }
    var plain = data.getData("text/plain");
    var html = data.getData("text/html") || "";
    var hadImages = /<img\b/i.test(html) || Array.prototype.some.call(data.files || [], function (f) {
      return /^image\//.test(f.type);
    });
    if (!plain && !hadImages) { return; }
    event.preventDefault();
    var field = event.target;
    var tidy = tidyParagraphs(plain || "");
    var start = field.selectionStart, end = field.selectionEnd;
    var before = field.value.slice(0, start), after = field.value.slice(end);
    if (before && !/\n\n$/.test(before) && tidy.indexOf("\n\n") >= 0) { tidy = "\n\n" + tidy; }
    field.setRangeText(tidy, start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    var status = document.getElementById("body-status");
    if (status) { say(status, hadImages ? status.dataset.images : status.dataset.pasted); }
  }

  // A field with data-limit is never cut (no maxlength: a browser would cut a paste without a
  // word). Counted as the server counts: characters of the trimmed value. Over the limit the
  // field says by how much, and the form is not sent, so nothing typed is lost.
  function lengthOf(field) { return Array.from(field.value.trim()).length; }

  function limitNote(field) {
    var note = field.limitNote;
    if (!note) {
      note = document.createElement("p");
      note.className = "limit-note error small";
      note.setAttribute("role", "alert");
      field.insertAdjacentElement("afterend", note);
      field.limitNote = note;
    }
    return note;
  }

  function checkLimit(field) {
    var limit = parseInt(field.dataset.limit, 10), n = lengthOf(field);
    var over = n > limit;
    field.setAttribute("aria-invalid", over ? "true" : "false");
    if (over) {
      limitNote(field).textContent = field.dataset.over
        .replace("{limit}", limit.toLocaleString()).replace("{n}", n.toLocaleString())
        .replace("{extra}", (n - limit).toLocaleString());
    } else if (field.limitNote) {
      field.limitNote.textContent = "";
    }
    return !over;
  }

  function guardLimits(form) {
    var fields = form.querySelectorAll("[data-limit]");
    if (!fields.length) { return; }
    fields.forEach(function (field) {
      field.addEventListener("input", function () { checkLimit(field); });
      checkLimit(field);
    });
    form.addEventListener("submit", function (event) {
      var first = null;
      fields.forEach(function (field) { if (!checkLimit(field) && !first) { first = field; } });
      if (first) {
        event.preventDefault();
        event.stopImmediatePropagation();
        first.focus();
      }
    }, true);
  }

  // A just-submitted item's card: ask again every 2 s (for up to 2 minutes) until scoring
  // has answered, so the page never stays at 评分中 until reloaded.
  function pollQuality(panel) {
    var url = panel.dataset.pollUrl, tries = 0;
    function ask() {
      tries += 1;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (!response.ok) { return Promise.reject(response.status); }
          var pending = response.headers.get("X-Xinbao-Pending") === "1";
          return response.text().then(function (html) {
            if (!pending) { panel.innerHTML = html; panel.removeAttribute("data-poll-url"); }
            else if (tries < 60) { setTimeout(ask, 2000); }
          });
        })
        .catch(function () { if (tries < 60) { setTimeout(ask, 4000); } });
    }
    setTimeout(ask, 1000);
  }

  function livePreview(form) {
    var panel = document.getElementById("quality-panel");
    var url = form.dataset.previewUrl;
    if (!panel || !url) { return; }
    var timer = null, running = null;

    function ask() {
      var title = form.elements.title.value.trim(), body = form.elements.body.value.trim();
      if (!title || !body) { return; }
      var tooLong = Array.prototype.some.call(form.querySelectorAll("[data-limit]"), function (field) {
        return lengthOf(field) > parseInt(field.dataset.limit, 10);
      });
      if (tooLong) { return; }
      if (running) { running.abort(); }
      running = new AbortController();
      panel.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST", body: new FormData(form), headers: csrfHeaders(),
        credentials: "same-origin", signal: running.signal
      })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) { panel.innerHTML = html; })
        .catch(function (error) { if (error && error.name === "AbortError") { return; } })
        .finally(function () { panel.setAttribute("aria-busy", "false"); });
    }

    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 900);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "category") { clearTimeout(timer); ask(); }
    });
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.value === "check") {
        event.preventDefault();
        clearTimeout(timer);
        ask();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".item-form textarea").forEach(function (area) {
      area.addEventListener("paste", onPaste);
    });
    var body = document.getElementById("body");
    var status = document.getElementById("body-status");
    if (body && status) {
      body.addEventListener("input", function () { updateStatus(status); });
      updateStatus(status);
    }
    document.querySelectorAll("form").forEach(guardLimits);
    document.querySelectorAll("[data-poll-url]").forEach(pollQuality);
    document.querySelectorAll("form[data-preview-url]").forEach(livePreview);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
