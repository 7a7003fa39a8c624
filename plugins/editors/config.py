"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import EditorsOptions
from plugins.shared import config_class

EditorsConfig = config_class(EditorsOptions)
