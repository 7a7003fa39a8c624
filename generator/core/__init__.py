"""What every other package shares: the domain model and its recurrence, the site's addresses,
problems and limits, and the rules for text that reaches a page. Imports nothing else of ours."""
