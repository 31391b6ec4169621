/* Liaise: a form that failed puts the focus on its error summary, so that it is read out first and the next Tab
 * reaches its links to the fields. The summary's autofocus attribute does this without JavaScript, except when the
 * page's address ends in a fragment (#main, once the skip link was used): the browser then focuses the fragment's
 * target instead, once the page has loaded. */
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector(".error-summary");
    var active = document.activeElement;
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (summary && (!active || active === document.body || active === target)) summary.focus();
  }
  focusSummary();
  window.addEventListener("load", function () { window.setTimeout(focusSummary, 0); });
})();
