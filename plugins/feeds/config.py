from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class FeedsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Events whose last occurrence ended longer ago than this leave the subscription feeds.
    past_days = opt.Type(int, default=180)
    # A cancelled event stays in the feeds, marked cancelled, this long after its end and after
    # the commit that cancelled it, so that every subscriber's app sees it go.
    cancelled_days = opt.Type(int, default=30)
    # How often calendar apps are asked to check the feeds (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    refresh_hours = opt.Type(int, default=12)
    # Fail the build when git history is missing or shallow: set it (or HANDBOOK_REQUIRE_HISTORY=1)
    # for deploys, so that SEQUENCE never goes down between two published versions of a feed.
    require_history = opt.Type(bool, default=False)
    # Optional: the feed that is live now (e.g. `feeds/all.ics` downloaded by the deploy before
    # building), relative to mkdocs.yml. SEQUENCE never goes below what it says.
    previous_feed = opt.Optional(opt.Type(str))
