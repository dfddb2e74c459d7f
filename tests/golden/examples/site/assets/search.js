"use strict";
(function () {
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  input.value = query;
  var kinds = { d: "device", i: "interface", p: "prefix", a: "address", v: "VLAN", s: "site" };
  var needle = query.trim().toLowerCase();
  if (!needle) { count.textContent = "Type a name."; return; }
  var index = window.NETSOT_INDEX || [];
  var shown = 0, total = 0;
  for (var i = 0; i < index.length; i++) {
    var entry = index[i];
    if (entry[1].toLowerCase().indexOf(needle) === -1) { continue; }
    total++;
    if (shown >= 500) { continue; }
    shown++;
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = entry[2];
    link.textContent = entry[1];
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = " " + kinds[entry[0]];
    item.appendChild(link);
    item.appendChild(kind);
    list.appendChild(item);
  }
  count.textContent = total + (total === 1 ? " match" : " matches") + (total > shown ? ", the first " + shown + " shown" : "");
})();
