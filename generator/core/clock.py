""""Now", from SOURCE_DATE_EPOCH when it is set, so that a build can be reproduced."""

from __future__ import annotations

import os
from datetime import datetime, timezone


def now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError):
            raise SystemExit(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return datetime.now(timezone.utc).replace(microsecond=0)
