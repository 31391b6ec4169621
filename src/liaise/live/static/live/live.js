/* Liaise live Q&A: keeps the audience page, the moderator's console and the hall's screen current.
 *
 * The page is complete without JavaScript (forms post and reload). With it, asking, voting, reporting and
 * moderating go through the JSON API (/api/v1/live/<code>/..., with the session and device cookies and the CSRF
 * token), and changes arrive through the stream (Server-Sent Events; the browser resumes with Last-Event-ID
 * after a cut), or, when the stream cannot be reached, by asking /api/v1/live/<code>/changes every 1.5 seconds.
 * Text from people is only ever set as textContent.
 */
(function () {
  "use strict";
  var root = document.getElementById("live");
  var configNode = document.getElementById("live-config");
  if (!root || !configNode) return;
  var cfg = JSON.parse(configNode.textContent);
  var T = cfg.texts;
  var mode = cfg.mode;
  var last = cfg.after;
  var board = cfg.state.board;
  var questions = new Map();
  cfg.state.questions.forEach(function (q) { questions.set(q.id, q); });
  var voted = new Set(cfg.state.voted);
  var voting = new Set();  /* the questions whose vote is on its way */
  var sort = (root.querySelector("[data-sort][aria-current]") || {}).dataset;
  sort = sort ? sort.sort : "top";
  var speakerFilter = root.querySelector("[data-speaker-filter]");
  var screenSpeaker = root.dataset.speaker || "";
  var connection = root.querySelector("[data-connection]");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var lang = document.documentElement.lang || "en";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function toLabel(q) {
    var name = q.to && cfg.panel[q.to];
    return name ? T.to.replace("{name}", name) : T.to_panel;
  }
  function setConnection(text) { if (connection) connection.textContent = text; }

  /* ---- applying changes ---- */
  function apply(kind, data, id) {
    if (id && id <= last) return;
    if (id) last = id;
    if (kind === "board") {
      board = data;
    } else if (data.status === "removed" || (mode !== "moderate" && data.status === "merged")) {
      questions.delete(data.id);
    } else {
      var known = questions.get(data.id) || {};
      if (id && mode === "audience" && data.status === "visible" && known.status !== "visible") arrived.push(data.id);
      questions.set(data.id, Object.assign(known, data));
    }
    schedule();
  }
  var arrived = [];  /* questions that appeared since the last drawing: announced, and drawn as new */
  var timer = null;
  function schedule() { if (!timer) timer = setTimeout(function () { timer = null; render(); }, 60); }

  /* ---- the stream, and polling when it cannot be reached ---- */
  var failures = 0;
  var source = null;
  function sep(url) { return url.indexOf("?") < 0 ? "?" : "&"; }
  function listen() {
    if (!window.EventSource) return poll();
    source = new EventSource(cfg.stream + sep(cfg.stream) + "after=" + last, { withCredentials: true });
    ["question", "board"].forEach(function (kind) {
      source.addEventListener(kind, function (e) { apply(kind, JSON.parse(e.data), parseInt(e.lastEventId, 10)); });
    });
    source.addEventListener("reset", function () { window.location.reload(); });
    source.onopen = function () { failures = 0; setConnection(T.live); };
    source.onerror = function () {
      failures += 1;
      setConnection(T.reconnecting);
      if (failures >= 3) { source.close(); source = null; poll(); }
    };
  }
  function poll() {
    setConnection(T.polling);
    fetch(cfg.changes + sep(cfg.changes) + "after=" + last, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (body) {
        if (body.reset) { window.location.reload(); return; }
        body.changes.forEach(function (c) { apply(c.kind, c.data, c.id); });
        last = Math.max(last, body.last);
      })
      .catch(function () { setConnection(T.reconnecting); })
      .then(function () { setTimeout(poll, 1500); });
  }

  /* ---- writing through the API ---- */
  function send(method, path, data) {
    var headers = { "Accept": "application/json", "Accept-Language": lang, "X-CSRFToken": csrf };
    if (data) headers["Content-Type"] = "application/json";
    return fetch(cfg.api + path, {
      method: method, body: data ? JSON.stringify(data) : undefined, credentials: "same-origin", headers: headers,
    }).then(function (r) {
      return r.json().catch(function () { return { detail: T.failed }; }).then(function (json) {
        if (!r.ok) throw new Error(json.detail || T.failed);
        return json;
      });
    });
  }
  /* a question as the API gives it, in the shape of the stream's changes */
  function fromApi(q) {
    return { id: q.id, text: q.text, name: q.name, to: q.to_speaker, status: q.status, votes: q.votes,
             created: q.created };
  }
  function questionPath(q, what) { return "/questions/" + q.id + "/" + what; }
  function flash(node, text) {
    if (!node) return;
    node.textContent = text;
    node.hidden = !text;
  }
  /* a field marked invalid is described by the message that says why */
  function invalid(field, message) {
    if (message) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", message.id);
    } else {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    }
  }
  /* sets a text only when it changes: a live region reads out every change, even to the same words */
  function setText(node, text) { if (node && node.textContent !== text) node.textContent = text; }

  /* ---- drawing ---- */
  function time(q) { return Date.parse(q.created) || 0; }
  function sorted(list) {
    return list.sort(function (a, b) {
      if (sort === "new") return time(b) - time(a) || b.id - a.id;
      return b.votes - a.votes || time(a) - time(b) || a.id - b.id;
    });
  }
  function chosenSpeaker() { return mode === "screen" ? screenSpeaker : (speakerFilter ? speakerFilter.value : ""); }
  function matches(q) { var s = chosenSpeaker(); return !s || String(q.to) === s; }

  function audienceCard(q) {
    var li = el("li", "question");
    li.dataset.id = q.id;
    if (q.status === "answered") li.classList.add("is-answered");
    if (q.status === "pending") li.classList.add("is-pending");
    if (board.highlighted === q.id) li.classList.add("is-highlighted");
    var meta = el("p", "question-meta");
    meta.appendChild(el("span", "to", toLabel(q)));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", "asker", q.name || T.anonymous));
    if (q.status === "answered") { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", "badge", T.answered)); }
    if (q.status === "pending") { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", "badge badge-muted", T.pending_mine)); }
    li.appendChild(meta);
    li.appendChild(el("p", "question-text", q.text));
    if (q.status !== "pending") {
      var actions = el("div", "question-actions");
      var vote = el("button", "vote");
      vote.type = "button";
      vote.disabled = !board.open;
      vote.setAttribute("aria-pressed", voted.has(q.id) ? "true" : "false");
      vote.appendChild(el("span", null, "▲ "));
      vote.appendChild(el("span", "vote-count", String(q.votes)));
      vote.appendChild(el("span", "visually-hidden", " " + T.votes));
      vote.addEventListener("click", function () {
        // not disabled while the vote is sent: a disabled button would lose the keyboard's focus
        if (voting.has(q.id)) return;
        var remove = voted.has(q.id);
        voting.add(q.id);
        send(remove ? "DELETE" : "POST", questionPath(q, "vote"))
          .then(function (json) {
            if (remove) voted.delete(q.id); else voted.add(q.id);
            apply("question", { id: json.id, votes: json.votes }, 0);
          })
          .catch(function (err) { window.alert(err.message); })
          .then(function () { voting.delete(q.id); });
      });
      actions.appendChild(vote);
      var report = el("button", "link-button report", T.report);
      report.type = "button";
      report.addEventListener("click", function () {
        send("POST", questionPath(q, "report"))
          .then(function () { report.textContent = T.reported; report.disabled = true; })
          .catch(function (err) { report.textContent = err.message; });
      });
      actions.appendChild(report);
      li.appendChild(actions);
    }
    return li;
  }

  function moderate(q, action, into) {
    return send("POST", questionPath(q, "moderate"), { action: action, into: into || null })
      .then(function (json) { apply("question", fromApi(json), 0); });
  }
  function actionButton(q, action, label, primary) {
    var b = el("button", "button button-small" + (primary ? "" : " button-secondary"), label);
    b.type = "button";
    b.addEventListener("click", function () {
      b.disabled = true;
      moderate(q, action)
        .catch(function (err) { window.alert(err.message); b.disabled = false; });
    });
    return b;
  }

  function moderatorCard(q) {
    var li = el("li", "question");
    li.dataset.id = q.id;
    if (board.highlighted === q.id) li.classList.add("is-highlighted");
    var meta = el("p", "question-meta", toLabel(q) + " · " + (q.name || T.anonymous) + " · " + q.votes + " " + (q.votes === 1 ? T.vote : T.votes));
    if (q.reports) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", "badge badge-warn", q.reports + " " + T.reports)); }
    li.appendChild(meta);
    li.appendChild(el("p", "question-text", q.text));
    var actions = el("div", "question-actions");
    if (q.status === "pending" || q.status === "hidden") actions.appendChild(actionButton(q, "approve", T.approve, true));
    if (q.status === "visible") {
      actions.appendChild(board.highlighted === q.id ? actionButton(q, "unhighlight", T.unhighlight, false)
        : actionButton(q, "highlight", T.highlight, true));
      actions.appendChild(actionButton(q, "answered", T.done, false));
    }
    if (q.status === "answered") actions.appendChild(actionButton(q, "reopen", T.reopen, false));
    if (q.status !== "hidden") actions.appendChild(actionButton(q, "hide", T.hide, false));
    if (q.status === "pending" || q.status === "visible") {
      var others = Array.from(questions.values()).filter(function (o) {
        return o.id !== q.id && (o.status === "visible" || o.status === "answered" || o.status === "pending");
      });
      if (others.length) {
        var select = el("select");
        select.setAttribute("aria-label", T.merge);
        select.appendChild(el("option", null, T.merge)).value = "";
        others.forEach(function (o) { select.appendChild(el("option", null, "#" + o.id + " " + o.text.slice(0, 50))).value = o.id; });
        select.addEventListener("change", function () {
          if (!select.value) return;
          moderate(q, "merge", parseInt(select.value, 10))
            .catch(function (err) { window.alert(err.message); select.value = ""; });
        });
        actions.appendChild(select);
      }
    }
    li.appendChild(actions);
    return li;
  }

  function renderState() {
    root.querySelectorAll("[data-live-state]").forEach(function (node) {
      if (mode === "moderate") setText(node, board.open ? T.mod_open : T.mod_closed);
      else setText(node, board.open ? T.open + (board.moderation === "pre" ? " " + T.premod : "") : T.closed);
    });
    var ask = root.querySelector("[data-ask]");
    if (ask) ask.hidden = !board.open;
    var box = root.querySelector("[data-highlight]");
    if (box) {
      var h = board.highlighted && questions.get(board.highlighted);
      box.hidden = !h;
      setText(root.querySelector("[data-highlight-text]"), h ? h.text : "");
      setText(root.querySelector("[data-highlight-to]"), h ? toLabel(h) : "");
    }
  }

  /* The lists are drawn anew at each change: the focus, when it was on a question's button or field, goes back to
   * the same control of the same question (else a keyboard user who votes would be sent back to the page's top). */
  function focusedControl() {
    var active = document.activeElement;
    var card = active && root.contains(active) && active.closest("[data-id]");
    if (!card) return null;
    return { id: card.dataset.id, index: Array.prototype.indexOf.call(card.querySelectorAll("button, select, a"), active) };
  }
  function restoreFocus(where) {
    if (!where || (document.activeElement && document.activeElement !== document.body)) return;
    var card = root.querySelector('[data-id="' + where.id + '"]');
    var controls = card ? card.querySelectorAll("button, select, a") : [];
    var control = controls[Math.min(where.index, controls.length - 1)];
    if (control) control.focus();
  }
  function announce() {
    var region = root.querySelector("[data-announce]");
    var fresh = arrived.filter(function (id) { return questions.has(id) && matches(questions.get(id)); });
    arrived = [];
    if (!region || !fresh.length) return;
    region.textContent = fresh.length === 1 ? T.new_question.replace("{text}", questions.get(fresh[0]).text)
      : T.new_questions.replace("{count}", fresh.length);
    return fresh;
  }

  function render() {
    var where = focusedControl();
    var fresh = announce() || [];
    renderState();
    var all = Array.from(questions.values()).filter(matches);
    if (mode === "audience") {
      var list = root.querySelector("[data-list]");
      var items = sorted(all.filter(function (q) { return q.status !== "hidden" && q.status !== "merged"; }));
      list.replaceChildren.apply(list, items.length ? items.map(audienceCard) : [el("li", "empty", T.empty)]);
      fresh.forEach(function (id) {
        var card = list.querySelector('[data-id="' + id + '"]');
        if (card) card.classList.add("is-new");
      });
      var total = root.querySelector("[data-total]");
      if (total) total.textContent = "(" + items.length + ")";
    } else if (mode === "moderate") {
      ["pending", "visible", "answered", "hidden"].forEach(function (status) {
        var column = root.querySelector('[data-list="' + status + '"]');
        var items = all.filter(function (q) { return q.status === status; });
        if (status === "pending") items.sort(function (a, b) { return a.id - b.id; }); else sorted(items);
        column.replaceChildren.apply(column, items.length ? items.map(moderatorCard) : [el("li", "empty", T.nothing)]);
        root.querySelector('[data-count-for="' + status + '"]').textContent = items.length;
      });
    } else {
      var screenList = root.querySelector("[data-list]");
      var top = sorted(all.filter(function (q) { return q.status === "visible" && q.id !== board.highlighted; })).slice(0, 5);
      screenList.replaceChildren.apply(screenList, top.map(function (q) {
        var li = el("li");
        li.dataset.id = q.id;
        li.appendChild(el("span", "screen-votes", String(q.votes)));
        var text = el("span", "screen-text", q.text);
        text.appendChild(el("small", null, toLabel(q)));
        li.appendChild(text);
        return li;
      }));
    }
    restoreFocus(where);
  }

  /* ---- the audience's form, sort and filter ---- */
  var form = root.querySelector("[data-ask-form]");
  if (form) {
    var textarea = form.querySelector("textarea");
    var count = form.querySelector("[data-count]");
    var showCount = function () { count.textContent = textarea.value.length; };
    textarea.addEventListener("input", showCount);
    showCount();
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      flash(form.querySelector("[data-ask-error]"), "");
      invalid(textarea, null);
      flash(form.querySelector("[data-ask-done]"), "");
      var fields = new FormData(form);
      var to = fields.get("to_speaker");
      send("POST", "/questions", { text: fields.get("text") || "", name: fields.get("name") || "",
                                   to_speaker: to ? parseInt(to, 10) : null })
        .then(function (json) {
          var q = fromApi(json);
          questions.set(q.id, q);
          form.reset();
          showCount();
          flash(form.querySelector("[data-ask-done]"), q.status === "visible" ? T.thanks_visible : T.thanks_pending);
          schedule();
        })
        .catch(function (err) {
          var message = form.querySelector("[data-ask-error]");
          flash(message, err.message);
          invalid(textarea, message);
          textarea.focus();
        })
        .then(function () { button.disabled = false; });
    });
  }
  root.querySelectorAll("[data-sort]").forEach(function (link) {
    link.addEventListener("click", function (e) {
      e.preventDefault();
      sort = link.dataset.sort;
      root.querySelectorAll("[data-sort]").forEach(function (l) { l.toggleAttribute("aria-current", l === link); });
      render();
    });
  });
  if (speakerFilter) speakerFilter.addEventListener("change", function () {
    if (mode === "moderate") {
      var url = new URL(window.location.href);
      if (speakerFilter.value) url.searchParams.set("speaker", speakerFilter.value); else url.searchParams.delete("speaker");
      window.history.replaceState(null, "", url);
    }
    render();
  });

  render();
  listen();
})();
