// lagebild web UI: a little progressive enhancement; every page works without it.
"use strict";

function autosubmit() {
  document.querySelectorAll("form.autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () {
      var page = select.form.querySelector("input[name=page]");
      if (page) { page.remove(); }
      select.form.submit();
    });
  });
}

function layerToggles() {
  var text = document.getElementById("doctext");
  if (!text) { return; }
  document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
}

function flashTarget() {
  if (!location.hash) { return; }
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) { target.classList.add("target"); }
}

// "/" focuses the search field (unless typing somewhere already)
function searchKey() {
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key !== "/" || tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey) {
      return;
    }
    var field = document.querySelector("header.top input[type=search]");
    if (field) { event.preventDefault(); field.focus(); }
  });
}

// A focused highlight shows its details (what the mouse sees in the tooltip) in a status line
function highlightDetails() {
  var detail = document.getElementById("ann-detail");
  if (!detail) { return; }
  document.querySelectorAll(".ann[title]").forEach(function (span) {
    span.addEventListener("focus", function () { detail.textContent = span.getAttribute("title"); });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  autosubmit();
  layerToggles();
  flashTarget();
  searchKey();
  highlightDetails();
});
