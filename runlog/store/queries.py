"""Store functions: each takes a ``Session`` and speaks in domain objects.

The caller owns the transaction (``with factory.begin() as session:``), so a
run and its pains are written, changed or deleted together or not at all.
Reads of many runs use Core selects rather than ORM objects: a 20-year log
is about 7,300 runs and should load in a blink.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from sqlalchemy import Integer, String, and_, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from runlog.domain import (
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    Settings,
    Shoe,
    ShoeType,
    ShoeUsage,
    Side,
    Units,
)
from runlog.store.models import OrthoticRow, PainRow, RunRow, SettingsRow, ShoeRow, utcnow

# --- conversion -------------------------------------------------------------


def _shoe(row: ShoeRow) -> Shoe:
    return Shoe(
        id=row.id,
        name=row.name,
        type=ShoeType(row.type) if row.type else None,
        first_used=row.first_used,
        start_distance_m=row.start_distance_m,
        retire_distance_m=row.retire_distance_m,
        retired_on=row.retired_on,
    )


def _orthotic(row: OrthoticRow) -> Orthotic:
    return Orthotic(
        id=row.id,
        name=row.name,
        type=OrthoticType(row.type) if row.type else None,
        first_used=row.first_used,
        retired_on=row.retired_on,
    )


def _pain(row) -> Pain:
    return Pain(
        id=row.id,
        site=PainSite(row.site),
        side=Side(row.side),
        onset_m=row.onset_m,
        onset_s=row.onset_s,
        intensity=row.intensity,
        stopped_early=bool(row.stopped_early),
        next_morning=NextMorning(row.next_morning) if row.next_morning else None,
    )


def _pain_row(pain: Pain) -> PainRow:
    return PainRow(
        site=PainSite(pain.site).value,
        side=Side(pain.side).value,
        onset_m=pain.onset_m,
        onset_s=pain.onset_s,
        intensity=pain.intensity,
        stopped_early=pain.stopped_early,
        next_morning=pain.next_morning.value if pain.next_morning else None,
    )


def _gear(session: Session) -> tuple[dict[int, Shoe], dict[int, Orthotic]]:
    shoes = {row.id: _shoe(row) for row in session.scalars(select(ShoeRow))}
    orthotics = {row.id: _orthotic(row) for row in session.scalars(select(OrthoticRow))}
    return shoes, orthotics


_RUN_COLUMNS = (
    RunRow.id,
    RunRow.date,
    RunRow.start_time,
    RunRow.distance_m,
    RunRow.duration_s,
    RunRow.shoe_id,
    RunRow.orthotic_id,
    RunRow.effort,
    RunRow.notes,
)
# A run without a start time sorts before the day's timed runs. Written with
# NULLS FIRST/LAST (SQLite's own NULL order, so it still walks
# ix_runs_date_start) rather than coalesce(start_time, ''), which mixes a time
# with text and which PostgreSQL refuses.
_ORDER = (RunRow.date, RunRow.start_time.asc().nulls_first(), RunRow.id)
_NEWEST_FIRST = (RunRow.date.desc(), RunRow.start_time.desc().nulls_last(), RunRow.id.desc())


def _load_runs(session: Session, where, order=_ORDER, limit: int | None = None, offset: int = 0) -> list[Run]:
    """Runs matching ``where`` with their gear and pains, in ``order``."""
    query = select(*_RUN_COLUMNS).where(where).order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    if not rows:
        return []
    shoes, orthotics = _gear(session)
    pains: dict[int, list[Pain]] = defaultdict(list)
    ids = [row.id for row in rows]
    pain_query = select(PainRow.__table__).order_by(PainRow.id)
    if limit is not None or len(ids) <= 500:
        chunks: Iterable[Sequence[int]] = (ids[i : i + 500] for i in range(0, len(ids), 500))
        for chunk in chunks:
            for prow in session.execute(pain_query.where(PainRow.run_id.in_(chunk))):
                pains[prow.run_id].append(_pain(prow))
    else:
        # Many runs: one join on the same condition beats hundreds of IN lists.
        joined = pain_query.join(RunRow, RunRow.id == PainRow.run_id).where(where)
        for prow in session.execute(joined):
            pains[prow.run_id].append(_pain(prow))
    return [
        Run(
            id=row.id,
            date=row.date,
            start_time=row.start_time,
            distance_m=row.distance_m,
            duration_s=row.duration_s,
            shoe=shoes.get(row.shoe_id) if row.shoe_id else None,
            orthotic=orthotics.get(row.orthotic_id) if row.orthotic_id else None,
            effort=row.effort,
            notes=row.notes,
            pains=pains.get(row.id, []),
        )
        for row in rows
    ]


# --- runs -------------------------------------------------------------------


def add_run(session: Session, run: Run, keep_id: bool = False) -> Run:
    """Insert ``run`` and its pains; returns it with the new ids.

    ``keep_id`` re-inserts a deleted run under its old id (undo).
    """
    row = RunRow(
        id=run.id if keep_id else None,
        date=run.date,
        start_time=run.start_time,
        distance_m=run.distance_m,
        duration_s=run.duration_s,
        shoe_id=run.shoe.id if run.shoe else None,
        orthotic_id=run.orthotic.id if run.orthotic else None,
        effort=run.effort,
        notes=run.notes or "",
        pains=[_pain_row(p) for p in run.pains],
    )
    session.add(row)
    session.flush()
    return get_run(session, row.id)  # type: ignore[return-value]


def update_run(session: Session, run: Run) -> Run:
    """Replace the stored run ``run.id`` and its pains with ``run``.

    Pains keep their ids (and so their morning status) when ``Pain.id`` is
    given; pains no longer listed are deleted.
    """
    row = session.get(RunRow, run.id)
    if row is None:
        raise LookupError(f"run {run.id} does not exist")
    row.date = run.date
    row.start_time = run.start_time
    row.distance_m = run.distance_m
    row.duration_s = run.duration_s
    row.shoe_id = run.shoe.id if run.shoe else None
    row.orthotic_id = run.orthotic.id if run.orthotic else None
    row.effort = run.effort
    row.notes = run.notes or ""
    existing = {p.id: p for p in row.pains}
    kept: list[PainRow] = []
    for pain in run.pains:
        prow = existing.get(pain.id) if pain.id is not None else None
        if prow is None:
            kept.append(_pain_row(pain))
            continue
        fresh = _pain_row(pain)
        for attr in ("site", "side", "onset_m", "onset_s", "intensity", "stopped_early", "next_morning"):
            setattr(prow, attr, getattr(fresh, attr))
        kept.append(prow)
    row.pains = kept
    session.flush()
    return get_run(session, row.id)  # type: ignore[return-value]


def delete_run(session: Session, run_id: int) -> Run:
    """Delete a run with its pains; returns what was deleted (for undo)."""
    run = get_run(session, run_id)
    row = session.get(RunRow, run_id)
    if run is None or row is None:
        raise LookupError(f"run {run_id} does not exist")
    session.delete(row)
    session.flush()
    return run


def get_run(session: Session, run_id: int) -> Run | None:
    runs = _load_runs(session, RunRow.id == run_id)
    return runs[0] if runs else None


def runs_between(session: Session, since: dt.date | None = None, until: dt.date | None = None) -> list[Run]:
    """Runs dated within [since, until] (either end open), oldest first."""
    conditions = [RunRow.date >= since] if since else []
    if until:
        conditions.append(RunRow.date <= until)
    return _load_runs(session, and_(True, *conditions))


def recent_runs(session: Session, limit: int, offset: int = 0) -> list[Run]:
    """A page of runs, newest first (date, start time, then entry order)."""
    return _load_runs(session, and_(True), order=_NEWEST_FIRST, limit=limit, offset=offset)


def count_runs(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RunRow)) or 0


# --- next-morning check-in --------------------------------------------------


def pains_awaiting_morning(session: Session, today: dt.date, since: dt.date | None = None) -> list[tuple[Run, Pain]]:
    """Pain entries whose next morning has come (the run was before ``today``)
    and whose status is blank, oldest run first."""
    run_ids = select(PainRow.run_id).where(PainRow.next_morning.is_(None))
    where = and_(RunRow.date < today, RunRow.id.in_(run_ids))
    if since is not None:
        where = and_(where, RunRow.date >= since)
    return [
        (run, pain)
        for run in _load_runs(session, where)
        for pain in run.pains
        if pain.next_morning is None
    ]


def record_next_morning(session: Session, pain_id: int, status: NextMorning | None) -> None:
    """Set (or clear, with ``None``) how a pain was the next morning."""
    row = session.get(PainRow, pain_id)
    if row is None:
        raise LookupError(f"pain entry {pain_id} does not exist")
    row.next_morning = NextMorning(status).value if status is not None else None
    session.flush()


# --- shoes and orthotics ----------------------------------------------------


def add_shoe(session: Session, shoe: Shoe) -> Shoe:
    row = ShoeRow(
        name=shoe.name.strip(),
        type=shoe.type.value if shoe.type else None,
        first_used=shoe.first_used,
        start_distance_m=shoe.start_distance_m,
        retire_distance_m=shoe.retire_distance_m,
        retired_on=shoe.retired_on,
    )
    session.add(row)
    session.flush()
    return _shoe(row)


def update_shoe(session: Session, shoe: Shoe) -> Shoe:
    row = session.get(ShoeRow, shoe.id)
    if row is None:
        raise LookupError(f"shoe {shoe.id} does not exist")
    row.name = shoe.name.strip()
    row.type = shoe.type.value if shoe.type else None
    row.first_used = shoe.first_used
    row.start_distance_m = shoe.start_distance_m
    row.retire_distance_m = shoe.retire_distance_m
    row.retired_on = shoe.retired_on
    session.flush()
    return _shoe(row)


def retire_shoe(session: Session, shoe_id: int, on: dt.date | None) -> Shoe:
    """Retire a shoe on a date, or bring it back with ``None``."""
    row = session.get(ShoeRow, shoe_id)
    if row is None:
        raise LookupError(f"shoe {shoe_id} does not exist")
    row.retired_on = on
    session.flush()
    return _shoe(row)


def list_shoes(session: Session, include_retired: bool = True) -> list[ShoeUsage]:
    """Shoes with their distance so far (starting distance plus logged runs),
    active ones first, then by name."""
    totals = {
        shoe_id: (distance or 0.0, count)
        for shoe_id, distance, count in session.execute(
            select(RunRow.shoe_id, func.sum(RunRow.distance_m), func.count()).group_by(RunRow.shoe_id)
        )
    }
    query = select(ShoeRow).order_by(ShoeRow.retired_on.is_not(None), func.lower(ShoeRow.name))
    if not include_retired:
        query = query.where(ShoeRow.retired_on.is_(None))
    usages = []
    for row in session.scalars(query):
        distance, count = totals.get(row.id, (0.0, 0))
        usages.append(ShoeUsage(shoe=_shoe(row), distance_m=row.start_distance_m + distance, runs=count))
    return usages


def add_orthotic(session: Session, orthotic: Orthotic) -> Orthotic:
    row = OrthoticRow(
        name=orthotic.name.strip(),
        type=orthotic.type.value if orthotic.type else None,
        first_used=orthotic.first_used,
        retired_on=orthotic.retired_on,
    )
    session.add(row)
    session.flush()
    return _orthotic(row)


def update_orthotic(session: Session, orthotic: Orthotic) -> Orthotic:
    row = session.get(OrthoticRow, orthotic.id)
    if row is None:
        raise LookupError(f"orthotic {orthotic.id} does not exist")
    row.name = orthotic.name.strip()
    row.type = orthotic.type.value if orthotic.type else None
    row.first_used = orthotic.first_used
    row.retired_on = orthotic.retired_on
    session.flush()
    return _orthotic(row)


def retire_orthotic(session: Session, orthotic_id: int, on: dt.date | None) -> Orthotic:
    row = session.get(OrthoticRow, orthotic_id)
    if row is None:
        raise LookupError(f"orthotic {orthotic_id} does not exist")
    row.retired_on = on
    session.flush()
    return _orthotic(row)


def list_orthotics(session: Session, include_retired: bool = True) -> list[Orthotic]:
    query = select(OrthoticRow).order_by(OrthoticRow.retired_on.is_not(None), func.lower(OrthoticRow.name))
    if not include_retired:
        query = query.where(OrthoticRow.retired_on.is_(None))
    return [_orthotic(row) for row in session.scalars(query)]


def last_used_gear(session: Session) -> tuple[Shoe | None, Orthotic | None]:
    """The shoe and orthotic of the most recent run (the form's defaults)."""
    latest = recent_runs(session, limit=1)
    if not latest:
        return None, None
    return latest[0].shoe, latest[0].orthotic


# --- settings ---------------------------------------------------------------


def get_settings(session: Session) -> Settings:
    row = session.get(SettingsRow, 1)
    if row is None:
        return Settings()
    return Settings(units=Units(row.units), week_start=row.week_start)


def save_settings(session: Session, settings: Settings) -> Settings:
    row = session.get(SettingsRow, 1)
    if row is None:
        row = SettingsRow(id=1)
        session.add(row)
    row.units = Units(settings.units).value
    row.week_start = settings.week_start
    session.flush()
    return get_settings(session)


# --- bulk reads and writes for the CSV file ---------------------------------


def export_rows(session: Session, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[tuple]:
    """Flat rows for the CSV export, streamed: one per run and pain entry
    (a run without pain is one row with the pain columns ``None``).

    Each row is a plain tuple ``(run_id, date, start_time, distance_m,
    duration_s, shoe_name, shoe_type, orthotic_name, orthotic_type, effort,
    notes, site, side, onset_m, onset_s, intensity, stopped_early,
    next_morning)`` in SQLite's stored form: ``date`` is ``YYYY-MM-DD`` text,
    ``start_time`` ``HH:MM`` text (cut from the stored time) or ``None``,
    ``stopped_early`` 0 or 1. Rows come in date, start time, run and pain
    order. The Core select runs on the driver's own cursor, so that a large
    export makes no Row objects and parses no dates; consume the rows while
    the session is open.
    """
    stored_date = type_coerce(RunRow.date, String)
    query = (
        select(
            RunRow.id,
            stored_date,
            func.substr(type_coerce(RunRow.start_time, String), 1, 5),
            RunRow.distance_m,
            RunRow.duration_s,
            ShoeRow.name,
            ShoeRow.type,
            OrthoticRow.name,
            OrthoticRow.type,
            RunRow.effort,
            RunRow.notes,
            PainRow.site,
            PainRow.side,
            PainRow.onset_m,
            PainRow.onset_s,
            PainRow.intensity,
            type_coerce(PainRow.stopped_early, Integer),
            PainRow.next_morning,
        )
        .select_from(RunRow)
        .outerjoin(ShoeRow, ShoeRow.id == RunRow.shoe_id)
        .outerjoin(OrthoticRow, OrthoticRow.id == RunRow.orthotic_id)
        .outerjoin(PainRow, PainRow.run_id == RunRow.id)
        # The order of _ORDER (NULL sorts before any time, as '' would), but
        # written so that SQLite walks ix_runs_date_start instead of sorting.
        .order_by(RunRow.date, RunRow.start_time, RunRow.id, PainRow.id)
    )
    if since is not None:
        query = query.where(stored_date >= since.isoformat())
    if until is not None:
        query = query.where(stored_date <= until.isoformat())
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect)
    parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(str(compiled), parameters)
        while batch := cursor.fetchmany(2000):
            yield from batch
    finally:
        cursor.close()


def run_signatures_between(
    session: Session, first: dt.date, last: dt.date
) -> list[tuple[dt.date, dt.time | None, float, float]]:
    """``(date, start_time, distance_m, duration_s)`` of every stored run dated
    within [first, last]: one query for an import's duplicate check."""
    query = select(RunRow.date, RunRow.start_time, RunRow.distance_m, RunRow.duration_s).where(
        RunRow.date >= first, RunRow.date <= last
    )
    return [tuple(row) for row in session.execute(query)]


def add_runs_in_bulk(
    session: Session, runs: Sequence[Run], batch: int = 5000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Insert many runs and their pains; returns the number of pain entries written.

    The runs' shoes and orthotics must already be stored (their ``id`` set).
    Each table gets one Core ``insert()``, compiled once and run as
    executemany through the driver in batches of ``batch`` runs, with values
    put in stored form by the columns' own types (so the stored text is what
    the ORM would write). Run ids are assigned here, from the largest stored
    id up: the caller's transaction began with ``BEGIN IMMEDIATE`` and so
    holds SQLite's write lock, and these are the ids SQLite would hand out.
    ``progress``, if given, is called as ``progress(done, total)`` per batch.
    """
    connection = session.connection()
    dialect = connection.dialect
    runs_table, pains_table = RunRow.__table__, PainRow.__table__
    run_columns = ("id", "date", "start_time", "distance_m", "duration_s", "shoe_id", "orthotic_id",
                   "effort", "notes", "created_at", "updated_at")
    pain_columns = ("run_id", "site", "side", "onset_m", "onset_s", "intensity", "stopped_early", "next_morning")
    run_sql = _positional_insert(runs_table, run_columns, dialect)
    pain_sql = _positional_insert(pains_table, pain_columns, dialect)
    stored_date = _to_stored(runs_table.c.date, dialect)
    probe = dt.date(2026, 11, 24)
    if stored_date(probe) == probe.isoformat():
        # The same text from the C method, at a tenth of the cost per run.
        stored_date = dt.date.isoformat
    stored_time = _to_stored(runs_table.c.start_time, dialect)
    times: dict[dt.time, str] = {}
    to_flag = _to_stored(pains_table.c.stopped_early, dialect)
    stored_flag = {False: to_flag(False), True: to_flag(True)}
    stamp = _to_stored(runs_table.c.created_at, dialect)(utcnow())
    next_id = (session.scalar(select(func.max(RunRow.id))) or 0) + 1
    pains_written = 0
    for start in range(0, len(runs), batch):
        run_rows = []
        pain_rows = []
        for run_id, run in enumerate(runs[start : start + batch], start=next_id + start):
            start_time = run.start_time
            if start_time is not None:
                start_time = times.get(start_time) or times.setdefault(start_time, stored_time(start_time))
            run_rows.append((
                run_id,
                stored_date(run.date),
                start_time,
                run.distance_m,
                run.duration_s,
                run.shoe.id if run.shoe else None,
                run.orthotic.id if run.orthotic else None,
                run.effort,
                run.notes or "",
                stamp,
                stamp,
            ))
            for pain in run.pains:
                pain_rows.append((
                    run_id,
                    PainSite(pain.site).value,
                    Side(pain.side).value,
                    pain.onset_m,
                    pain.onset_s,
                    pain.intensity,
                    stored_flag[bool(pain.stopped_early)],
                    pain.next_morning.value if pain.next_morning else None,
                ))
        connection.exec_driver_sql(run_sql, run_rows)
        if pain_rows:
            connection.exec_driver_sql(pain_sql, pain_rows)
        pains_written += len(pain_rows)
        if progress is not None:
            progress(min(start + batch, len(runs)), len(runs))
    return pains_written


def _positional_insert(table, columns: tuple[str, ...], dialect) -> str:
    """The SQL of a Core ``insert()`` of ``columns`` whose parameters are
    positional in exactly that order (checked, not assumed)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if tuple(compiled.positiontup or ()) != columns:
        raise RuntimeError(f"{table.name}: insert parameters come as {compiled.positiontup}, not {columns}")
    return str(compiled)


def _to_stored(column, dialect) -> Callable:
    """The function that turns a Python value into what ``column`` stores."""
    return column.type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)


# --- deleting gear ----------------------------------------------------------


class GearInUse(Exception):
    """Gear that runs still name cannot be deleted (retire it instead)."""

    def __init__(self, runs: int) -> None:
        super().__init__(f"used on {runs} runs")
        self.runs = runs


def delete_shoe(session: Session, shoe_id: int) -> Shoe:
    """Delete a shoe no run names; raises ``GearInUse`` otherwise."""
    return _delete_gear(session, ShoeRow, RunRow.shoe_id, shoe_id, _shoe)


def delete_orthotic(session: Session, orthotic_id: int) -> Orthotic:
    """Delete an orthotic no run names; raises ``GearInUse`` otherwise."""
    return _delete_gear(session, OrthoticRow, RunRow.orthotic_id, orthotic_id, _orthotic)


def _delete_gear(session: Session, model, column, gear_id: int, to_domain):
    row = session.get(model, gear_id)
    if row is None:
        raise LookupError(f"{model.__tablename__} {gear_id} does not exist")
    runs = session.scalar(select(func.count()).select_from(RunRow).where(column == gear_id)) or 0
    if runs:
        raise GearInUse(runs)
    gear = to_domain(row)
    session.delete(row)
    session.flush()
    return gear
