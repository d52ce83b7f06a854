// Filters and copy buttons of the preview page; no network, no libraries.
(function () {
  "use strict";
  var platformSelect = document.getElementById("filter-platform");
  var unitSelect = document.getElementById("filter-unit");
  var shown = document.getElementById("shown");

  function applyFilters() {
    var platform = platformSelect.value;
    var unit = unitSelect.value;
    var count = 0;
    document.querySelectorAll(".release").forEach(function (release) {
      var visibleBlocks = 0;
      release.querySelectorAll(".platform").forEach(function (block) {
        var hide = platform !== "" && block.dataset.platform !== platform;
        block.hidden = hide;
        if (!hide) { visibleBlocks += 1; }
      });
      var hideRelease = (unit !== "" && release.dataset.unit !== unit) || visibleBlocks === 0;
      release.hidden = hideRelease;
      if (!hideRelease) { count += 1; }
    });
    shown.textContent = count + " rilis ditampilkan";
  }

  // Older browsers, or a page opened where the clipboard API is refused: select and copy.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) { return; }
    var source = document.getElementById(button.dataset.target);
    copyText(source.textContent).then(function () {
      button.textContent = "Tersalin ✓";
      button.classList.add("done");
    }, function () {
      button.textContent = "Gagal menyalin";
    }).then(function () {
      window.setTimeout(function () {
        button.textContent = "Salin";
        button.classList.remove("done");
      }, 2000);
    });
  });

  platformSelect.addEventListener("change", applyFilters);
  unitSelect.addEventListener("change", applyFilters);
  applyFilters();
}());
