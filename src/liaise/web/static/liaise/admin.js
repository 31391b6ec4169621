// Liaise's accessibility fixes for Django's admin (issue 18), loaded (deferred) by web/templates/admin/base_site.html.
// They run on the window's load, after the admin's own scripts have built their widgets (SelectFilter2.js, the
// autocomplete's select2: their listeners were added before this one; see below), and again when an inline gains a row.
"use strict";
(function () {
    function text(element) {
        return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function named(field) {
        return field.labels.length > 0 || field.getAttribute("aria-label")
            || (field.getAttribute("aria-labelledby") || "").split(" ").some(function (id) {
                return id && text(document.getElementById(id));
            });
    }

    // A field of a tabular inline has its column's heading for a name (the table has no <label>s).
    function columnHeading(field) {
        const cell = field.closest("td");
        const table = cell && cell.closest("table");
        const headings = table && table.tHead && table.tHead.rows[0];
        return headings && headings.cells[cell.cellIndex] ? text(headings.cells[cell.cellIndex]) : "";
    }

    function nameFor(field) {
        return field.labels.length > 0 ? text(field.labels[0]) : columnHeading(field) || field.title;
    }

    function fix() {
        document.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea, "
                                  + "select.filtered").forEach(function (field) {
            if (!named(field)) {
                const name = nameFor(field);
                if (name) {
                    field.setAttribute("aria-label", name);
                }
            }
        });
        // The autocomplete (select2) shows a combobox beside the hidden <select>: the same name.
        document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
            const shown = select.nextElementSibling;
            const name = nameFor(select) || select.getAttribute("aria-label");
            if (!name || !shown || !shown.classList.contains("select2")) {
                return;
            }
            shown.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (part) {
                if (!part.getAttribute("aria-label")) {
                    part.setAttribute("aria-label", name);
                }
            });
        });
        // SelectFilter2's search icons carry an aria-label, which a plain <span> may not have: they are images.
        document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
            icon.setAttribute("role", "img");
        });
    }

    window.addEventListener("load", fix);
    // jQuery runs its ready handlers (the autocomplete's select2 among them) asynchronously, maybe after the load:
    // this one comes after the autocomplete's, added before it.
    if (window.django && window.django.jQuery) {
        window.django.jQuery(fix);
    }
    document.addEventListener("formset:added", fix);
}());
