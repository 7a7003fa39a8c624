"""The plugin's options, declared once in `generator.site.options`."""

from generator.site.options import WayfindingOptions
from plugins.shared import config_class

WayfindingConfig = config_class(WayfindingOptions)
