"""The plugin's options, declared once in `generator.site.options` with their defaults and help."""

from generator.site.options import CalendarOptions
from plugins.shared import config_class

CalendarConfig = config_class(CalendarOptions)
