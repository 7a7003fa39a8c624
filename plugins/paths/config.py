"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import PathsOptions
from plugins.shared import config_class

PathsConfig = config_class(PathsOptions)
