from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class WayfindingConfig(Config):
    enabled = opt.Type(bool, default=True)
