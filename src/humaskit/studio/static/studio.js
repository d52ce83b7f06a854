// humaskit studio: the few things htmx does not do. No inline script, no eval, no network
// beyond this server (the page's Content-Security-Policy forbids the rest).
"use strict";

function touched(input) {
  // Tell htmx (and the live preview) that this field changed.
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

function markdown(kind) {
  const area = document.getElementById("body");
  if (!area) return;
  const start = area.selectionStart, end = area.selectionEnd;
  const text = area.value, chosen = text.slice(start, end);
  let insert, caretFrom, caretTo;
  if (kind === "bold") {
    const inner = chosen || "teks tebal";
    insert = "**" + inner + "**";
    caretFrom = start + 2; caretTo = caretFrom + inner.length;
  } else if (kind === "list") {
    const lines = (chosen || "poin").split("\n").map((l) => (l.startsWith("- ") ? l : "- " + l));
    const before = start > 0 && text[start - 1] !== "\n" ? "\n" : "";
    insert = before + lines.join("\n");
    caretFrom = start + insert.length; caretTo = caretFrom;
  } else {
    const label = chosen || "teks tautan";
    insert = "[" + label + "](https://)";
    caretFrom = start + label.length + 3; caretTo = caretFrom + 8;
  }
  area.setRangeText(insert, start, end, "end");
  area.focus();
  area.setSelectionRange(caretFrom, caretTo);
  touched(area);
}

function showFocus() {
  // The dot on each photo at the point its focus field names.
  for (const photo of document.querySelectorAll(".focus-photo")) {
    const dot = photo.parentElement ? photo.parentElement.querySelector(".focus-dot") : null;
    const field = document.getElementById("f-" + photo.dataset.focus);
    if (!dot) continue;
    const numbers = field ? (field.value.match(/-?\d+(?:\.\d+)?/g) || []).map(Number) : [];
    if (numbers.length !== 2) { dot.hidden = true; continue; }
    dot.style.left = (numbers[0] * 100) + "%";
    dot.style.top = (numbers[1] * 100) + "%";
    dot.hidden = false;
  }
}

function setFocus(event) {
  const photo = event.target;
  const field = document.getElementById("f-" + photo.dataset.focus);
  if (!field) return;
  const box = photo.getBoundingClientRect();
  const round = (v) => Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
  const x = round((event.clientX - box.left) / box.width);
  const y = round((event.clientY - box.top) / box.height);
  field.value = "[" + x + ", " + y + "]";
  showFocus();
  touched(field);
}

function addRow(name) {
  // A row of a list field (figures, agenda items) from its template, with the next free index.
  const rows = document.getElementById("f-" + name);
  const template = document.getElementById("new-row-" + name);
  if (!rows || !template) return;
  const used = Array.from(rows.querySelectorAll("[data-row]"), (r) => Number(r.dataset.row));
  const index = String(used.length ? Math.max(...used) + 1 : 0);
  const row = template.content.firstElementChild.cloneNode(true);
  row.dataset.row = index;
  for (const element of row.querySelectorAll("[id], [name], [for]")) {
    for (const attribute of ["id", "name", "for"]) {
      const value = element.getAttribute(attribute);
      if (value) element.setAttribute(attribute, value.replace("__i__", index));
    }
  }
  rows.append(row);
  const first = row.querySelector("input, textarea");
  if (first) first.focus();
  touched(rows);
}

function removeRow(button) {
  const row = button.closest("[data-row]");
  const rows = row ? row.parentElement : null;
  if (!row || !rows) return;
  row.remove();
  touched(rows);
}

async function copy(button) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.value);
  } catch (_error) {
    source.select();
    document.execCommand("copy");
  }
  const label = button.textContent;
  button.textContent = button.dataset.done || label;
  button.classList.add("done");
  setTimeout(() => { button.textContent = label; button.classList.remove("done"); }, 1500);
}

document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const tool = target.closest("[data-md]");
  if (tool) { markdown(tool.dataset.md); return; }
  const add = target.closest("[data-add-row]");
  if (add) { addRow(add.dataset.addRow); return; }
  const remove = target.closest("[data-remove-row]");
  if (remove) { removeRow(remove); return; }
  const unit = target.closest("[data-unit]");
  if (unit) {
    const field = document.getElementById("f-unit");
    if (field) { field.value = unit.dataset.unit; touched(field); }
    const results = document.getElementById("unit-results");
    if (results) results.replaceChildren();
    return;
  }
  if (target.classList.contains("focus-photo")) { setFocus(event); return; }
  const button = target.closest("[data-copy]");
  if (button) copy(button);
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (event.target && event.target.classList && event.target.classList.contains("photo-box")) {
    const image = document.getElementById("f-" + event.target.dataset.field);
    if (image) touched(image);
  }
  showFocus();
});
document.addEventListener("DOMContentLoaded", showFocus);
document.addEventListener("load", showFocus, true);
