from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class PatternsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder of the patterns inside docs_dir; also the URL prefix of the pattern pages.
    folder = opt.Type(str, default="patterns")
