from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class EditorsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Publish the JSON Schemas of the formats at /schemas/<kind>.schema.json.
    schemas = opt.Type(bool, default=True)
