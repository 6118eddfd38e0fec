// The menu bar's 待办 badge: how many things wait for the user, fetched once per
// page from /todo/count (app/core/todo_page) so that no page pays for it.
(function () {
  "use strict";
  var link = document.getElementById("todo-link");
  var badge = document.getElementById("todo-badge");
  if (!link || !badge || !window.fetch) {
    return;
  }
  fetch(link.getAttribute("data-count-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (resp) { return resp.ok ? resp.json() : null; })
    .then(function (body) {
      if (body && typeof body.count === "number") {
        badge.textContent = body.count > 0 ? String(body.count) : "";
        badge.setAttribute("data-count", String(body.count));
      }
    })
    .catch(function () { /* no badge: the link still leads to the page */ });
})();
