"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import PatternsOptions
from plugins.shared import config_class

PatternsConfig = config_class(PatternsOptions)
