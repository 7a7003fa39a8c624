"""The whole site's sources, as data: every generated page (Markdown with its front matter) and
file (feeds, map, schemas), assembled once for the MkDocs plugins and for `handbook export`."""
