// Material's search worker with one rule of the handbook's: a word of one or two letters matches
// only itself. Material adds a wildcard to every word of a query, so `a` in "start a crew" matched
// every word that begins with a (autonomy, aid, ask...) and buried the crew under them.
//
// The page loads this file instead of Material's worker (theme/main.html, block `config`), naming
// Material's worker, which sits beside it, in `?worker=`. Each query is rewritten before Material's
// worker reads it: a short word gets a boost of 1 (`a^1`), which Material leaves without a
// wildcard, so lunr matches it whole, and drops it when it is a stop word such as "a" or "of".
"use strict";

const HANDBOOK_SHORT_WORD = /(^|\s)([^\s"*+\-:^~]{1,2})(?=\s|$)/gu;

function handbookQuery(query) {
  return query
    .replace(/([^\s-])-(?=[^\s-])/gu, "$1 ") // "check-in": Material splits words at hyphens anyway
    .replace(HANDBOOK_SHORT_WORD, "$1$2^1");
}

(function () {
  const worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) {
    throw new Error(`handbook-search.js: not a search worker of Material's: ${worker}`);
  }
  const listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") {
      return listen(type, listener, options);
    }
    // A query is the one message whose data is a string; setup carries the index.
    return listen(type, event => listener(typeof event.data.data === "string"
      ? { data: { ...event.data, data: handbookQuery(event.data.data) } }
      : event), options);
  };
  importScripts(worker);
})();
