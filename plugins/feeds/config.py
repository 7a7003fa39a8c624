"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import FeedsOptions
from plugins.shared import config_class

FeedsConfig = config_class(FeedsOptions)
