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

document.addEventListener("DOMContentLoaded", function () {
  autosubmit();
  layerToggles();
  flashTarget();
});
