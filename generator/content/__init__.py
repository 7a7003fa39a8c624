"""Reading and checking the content folder: which files may be there, YAML and front matter with
the line of every value, the formats, and the loaders of patterns, paths, groups, events, pages
and the glossary, and an event description's Markdown as inert HTML and as plain text
(`descriptions`, for the pages and the feeds alike). `load.load_content` is what `handbook check`
and the build share."""
