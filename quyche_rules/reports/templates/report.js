(function () {
  "use strict";
  var fold = document.querySelector("nav.contents .fold");
  if (fold) {
    Array.prototype.forEach.call(fold.querySelectorAll("button[data-details]"), function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-details") === "open";
        Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = open; });
      });
    });
    fold.hidden = false;
  }
  var nav = document.querySelector("nav.filters");
  if (!nav) { return; }
  var counter = document.getElementById("shown-count");
  var boxes = Array.prototype.slice.call(nav.querySelectorAll("input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc li[data-severity]"));

  function chosen(name) {
    var set = {};
    boxes.forEach(function (box) { if (box.name === name && box.checked) { set[box.value] = true; } });
    return set;
  }

  function apply() {
    var severities = chosen("severity");
    var families = chosen("family");
    var shown = 0;
    function visible(el) {
      return severities[el.getAttribute("data-severity")] === true
        && families[el.getAttribute("data-family")] === true;
    }
    findings.forEach(function (el) {
      var ok = visible(el);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    links.forEach(function (el) { el.hidden = !visible(el); });
    Array.prototype.forEach.call(document.querySelectorAll("section.group"), function (group) {
      var count = group.querySelector(".count");
      if (count) { count.textContent = String(group.querySelectorAll("article.finding:not([hidden])").length); }
    });
    counter.textContent = counter.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(findings.length));
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  Array.prototype.forEach.call(nav.querySelectorAll("button[data-check]"), function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("data-check") === "all";
      boxes.forEach(function (box) { box.checked = on; });
      apply();
    });
  });
  nav.hidden = false;
  apply();
}());
