// Print buttons: each button[data-print] is hidden in the page (it needs this script) and shown here, opening the
// browser's print dialog. A static file, not an inline script: the Content-Security-Policy allows none.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
