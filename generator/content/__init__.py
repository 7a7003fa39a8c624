"""Reading and checking the content folder: which files may be there, YAML and front matter with
the line of every value, the formats, and the loaders of patterns, paths, groups, events, pages
and the glossary. `load.load_content` is what `handbook check` and the build share."""
