// Printing: a static file, not an inline script (the Content-Security-Policy allows none).
// - Each button[data-print] is hidden in the page (it needs this script): shown here, it opens the print dialog.
// - Links inside [data-print-urls] get their full address in data-print-url, which liaise.css prints after them.
// - [data-print-location] shows the page's own full address (on paper, where to find it online).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  for (const link of document.querySelectorAll("[data-print-urls] a[href]")) {
    if (!link.getAttribute("href").startsWith("#")) link.dataset.printUrl = link.href;
  }
  for (const node of document.querySelectorAll("[data-print-location]")) {
    node.textContent = location.origin + location.pathname;
  }
});
