"""The pages the site generates, as Markdown or finished HTML: the calendar's pages, JSON-LD, the
pattern language's index, map and cards, the paths, /subscribe/."""
