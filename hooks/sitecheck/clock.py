"""Today's date for the checks that reject the future: the real date, or SITE_TODAY
(YYYY-MM-DD) so that tests and reproducible rebuilds can fix it."""
from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    fixed = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
