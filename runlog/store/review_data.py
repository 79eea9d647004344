"""What a weekly review needs, read in one transaction: the settings, the
runs from the first day of history the review looks at, and the shoes.

``runlog.review`` computes from the ``ReviewData`` this returns and never
sees a session.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from runlog.review import ReviewData, history_start
from runlog.store.changes import list_changes
from runlog.store.gear import list_shoes
from runlog.store.runs import runs_between
from runlog.store.settings import get_settings


def load_review_data(session: Session, until: dt.date, weeks: int = 1) -> ReviewData:
    """Everything the review of the ``weeks`` weeks ending with the week
    containing ``until`` is computed from (the caller owns the transaction).

    Raises ``OverflowError`` when the history would reach before year 1.
    """
    settings = get_settings(session)
    since = history_start(until, weeks, settings.week_start)
    return ReviewData(
        settings=settings,
        runs=tuple(runs_between(session, since)),
        shoes=tuple(list_shoes(session)),
        changes=tuple(list_changes(session)),
    )
