"""The plugin's options, declared once in `generator.site.options`."""

from generator.site.options import SearchOptions
from plugins.shared import config_class

SearchConfig = config_class(SearchOptions)
