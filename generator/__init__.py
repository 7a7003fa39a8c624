"""The handbook's core: load and validate content, build the pattern graph, expand gatherings,
write iCalendar feeds. Nothing here imports MkDocs, so another front end can reuse it all."""
