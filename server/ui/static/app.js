// storyline web UI niceties; every page works without this file.
"use strict";
document.addEventListener("keydown", function (e) {
	// "/" focuses the search box, as on many sites.
	if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
	var t = e.target;
	if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
	var box = document.querySelector("form.search input[name=q]");
	if (box) { e.preventDefault(); box.focus(); box.select(); }
});
// Hovering a stop of an itinerary lights its marker on the map.
document.querySelectorAll("ol.itinerary li").forEach(function (li, i) {
	var n = String(i + 1);
	function marks() {
		return Array.prototype.filter.call(document.querySelectorAll(".map .stop"), function (m) {
			var t = m.querySelector("text");
			return t && t.textContent.split(",").indexOf(n) >= 0;
		});
	}
	li.addEventListener("mouseenter", function () { marks().forEach(function (m) { m.classList.add("hot"); }); });
	li.addEventListener("mouseleave", function () { marks().forEach(function (m) { m.classList.remove("hot"); }); });
});
