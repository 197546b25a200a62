// The error summary (templates/_macros/forms.html): focus it when the page loads, so the user
// (and a screen reader) starts at what went wrong; its links move to the field and focus it.
(function () {
  "use strict";
  function focusable(target) {
    if (target.matches("input, select, textarea, button")) return target;
    return target.querySelector("input, select, textarea, button") || target;
  }
  function ready() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.scrollIntoView({ block: "start" });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + target.id + "']");
      (label || target).scrollIntoView({ block: "center" });
      focusable(target).focus({ preventScroll: true });
      history.replaceState(null, "", link.hash);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
