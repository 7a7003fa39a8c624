"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import GlossaryOptions
from plugins.shared import config_class

GlossaryConfig = config_class(GlossaryOptions)
