"""Runs, their pain entries and the next-morning answers.

Each function takes a ``Session`` (the caller owns the transaction, so a run
and its pains are written, changed or deleted together or not at all) and
speaks in domain objects. Reads of many runs use Core selects rather than ORM
objects: a 20-year log is about 7,300 runs and should load in a blink.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from runlog.domain import Mark, NextMorning, Orthotic, Pain, PainSite, Run, Shoe, Side
from runlog.domain.activity import ActivityKind
from runlog.errors import DamagedLog
from runlog.store.convert import mark_from_row, orthotic_from_row, pain_from_row, run_from_row, shoe_from_row
from runlog.store.damage import check_values, reading
from runlog.store.forgotten import forget, remember
from runlog.store.models import MarkRow, OrthoticRow, PainRow, RunRow, ShoeRow, utcnow
from runlog.store.skipping import Damage, find_damage, skipped_of


def pain_to_row(pain: Pain, keep_id: bool = False) -> PainRow:
    """The row for ``pain``; ``keep_id`` keeps its stored id (undo of a delete)."""
    return PainRow(
        id=pain.id if keep_id else None,
        site=PainSite(pain.site).value,
        side=Side(pain.side).value,
        onset_m=pain.onset_m,
        onset_s=pain.onset_s,
        intensity=pain.intensity,
        stopped_early=pain.stopped_early,
        next_morning=pain.next_morning.value if pain.next_morning else None,
    )


def all_gear(session: Session, damage: Damage | None = None) -> tuple[dict[int, Shoe], dict[int, Orthotic]]:
    """Every shoe and orthotic, by id (but those ``damage`` found damaged)."""
    shoes_query, orthotics_query = select(ShoeRow), select(OrthoticRow)
    if damage is not None:
        shoes_query = shoes_query.where(ShoeRow.id.not_in(damage.shoes))
        orthotics_query = orthotics_query.where(OrthoticRow.id.not_in(damage.orthotics))
    shoes = {row.id: shoe_from_row(row) for row in session.scalars(shoes_query)}
    orthotics = {row.id: orthotic_from_row(row) for row in session.scalars(orthotics_query)}
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
    RunRow.kind,
    RunRow.elapsed_s,
    RunRow.source,
    RunRow.cadence_spm,
    RunRow.ascent_m,
    RunRow.descent_m,
    RunRow.before_onset_descent_m,
    RunRow.before_onset_cadence_spm,
    RunRow.updated_at,
)
# A run without a start time sorts before the day's timed runs. Written with
# NULLS FIRST/LAST (SQLite's own NULL order, so it still walks
# ix_runs_date_start) rather than coalesce(start_time, ''), which mixes a time
# with text and which PostgreSQL refuses.
_ORDER = (RunRow.date, RunRow.start_time.asc().nulls_first(), RunRow.id)
_NEWEST_FIRST = (RunRow.date.desc(), RunRow.start_time.desc().nulls_last(), RunRow.id.desc())


def load_runs(session: Session, where, order=_ORDER, limit: int | None = None, offset: int = 0) -> list[Run]:
    """Runs matching ``where`` with their gear and pains, in ``order``.

    A damaged row met on the way is not fatal: the log is scanned once, and
    the runs read again without the damaged ones (``runlog.store.skipping``).
    """
    try:
        with reading(session):
            return _load_runs(session, where, order, limit, offset)
    except DamagedLog:
        damage = find_damage(session.connection())
        if not damage.rows:
            raise
        if (skipped := skipped_of(session)) is not None:
            skipped.found(damage)
    with reading(session):
        return _load_runs(session, and_(where, RunRow.id.not_in(damage.runs)), order, limit, offset, damage)


def _load_runs(session: Session, where, order, limit: int | None, offset: int, damage: Damage | None = None) -> list[Run]:
    query = select(*_RUN_COLUMNS).where(where).order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    for row in rows:
        check_values("runs", row.id, row._mapping)
    if not rows:
        return []
    shoes, orthotics = all_gear(session, damage)
    pains: dict[int, list[Pain]] = defaultdict(list)
    marks: dict[int, list[Mark]] = defaultdict(list)
    ids = [row.id for row in rows]
    pain_query = select(PainRow.__table__).order_by(PainRow.id)
    mark_query = select(MarkRow.__table__).order_by(MarkRow.id)
    if limit is not None or len(ids) <= 500:
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            for prow in session.execute(pain_query.where(PainRow.run_id.in_(chunk))):
                pains[prow.run_id].append(pain_from_row(prow))
            for mrow in session.execute(mark_query.where(MarkRow.run_id.in_(chunk))):
                marks[mrow.run_id].append(mark_from_row(mrow))
    else:
        # Many runs: one join on the same condition beats hundreds of IN lists.
        for prow in session.execute(pain_query.join(RunRow, RunRow.id == PainRow.run_id).where(where)):
            pains[prow.run_id].append(pain_from_row(prow))
        for mrow in session.execute(mark_query.join(RunRow, RunRow.id == MarkRow.run_id).where(where)):
            marks[mrow.run_id].append(mark_from_row(mrow))
    return [run_from_row(row, (shoes, orthotics), pains, marks) for row in rows]


def add_run(session: Session, run: Run, keep_id: bool = False) -> Run:
    """Insert ``run`` and its pains; returns it with the new ids.

    ``keep_id`` re-inserts a deleted run under its old id, its pains under
    theirs (undo: ids are never reused, so they are still free). Gear deleted
    since is left off rather than refusing the whole run back.
    """
    shoe_id = run.shoe.id if run.shoe else None
    orthotic_id = run.orthotic.id if run.orthotic else None
    if keep_id:
        if shoe_id is not None and session.get(ShoeRow, shoe_id) is None:
            shoe_id = None
        if orthotic_id is not None and session.get(OrthoticRow, orthotic_id) is None:
            orthotic_id = None
    row = RunRow(
        id=run.id if keep_id else None,
        date=run.date,
        start_time=run.start_time,
        distance_m=run.distance_m,
        duration_s=run.duration_s,
        shoe_id=shoe_id,
        orthotic_id=orthotic_id,
        effort=run.effort,
        notes=run.notes or "",
        pains=[pain_to_row(p, keep_id=keep_id) for p in run.pains],
        kind=run.kind.value,
        elapsed_s=run.elapsed_s,
        source=run.source,
        marks=[MarkRow(distance_m=m.distance_m, elapsed_s=m.elapsed_s, label=m.label) for m in run.marks],
        cadence_spm=run.cadence_spm,
        ascent_m=run.ascent_m,
        descent_m=run.descent_m,
        before_onset_descent_m=run.before_onset_descent_m,
        before_onset_cadence_spm=run.before_onset_cadence_spm,
    )
    session.add(row)
    # Back in the log (undo of a delete): the watch folder may see it again.
    remember(session, run.source)
    session.flush()
    return get_run(session, row.id)  # type: ignore[return-value]


class StaleRun(Exception):
    """The run was changed (or deleted) elsewhere since it was loaded: another
    runlog on the same log saved it first. Nothing was written; reload it."""

    def __init__(self, run_id: int) -> None:
        super().__init__(f"run {run_id} was changed elsewhere; reload it")
        self.run_id = run_id


def update_run(session: Session, run: Run) -> Run:
    """Replace the stored run ``run.id`` and its pains with ``run``.

    Pains keep their ids (and so their morning status) when ``Pain.id`` is
    given; pains no longer listed are deleted. When ``run.changed_at`` is set
    (the run was loaded from the store), the save happens only if the stored
    run is still as loaded; otherwise ``StaleRun`` is raised and nothing is
    written. The check and the new stamp are one conditional UPDATE, so two
    savers cannot both pass it: SQLite lets one writer in at a time, and on
    PostgreSQL the second waits for the first's row lock, then finds the stamp moved.
    """
    stamp = utcnow()
    claim = update(RunRow).where(RunRow.id == run.id).values(updated_at=stamp)
    if run.changed_at is not None:
        claim = claim.where(RunRow.updated_at == run.changed_at)
    if session.execute(claim.execution_options(synchronize_session=False)).rowcount != 1:
        if session.get(RunRow, run.id) is None and run.changed_at is None:
            raise LookupError(f"run {run.id} does not exist")
        raise StaleRun(run.id)
    row = session.get(RunRow, run.id, populate_existing=True)
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
    row.kind = run.kind.value
    row.cadence_spm, row.ascent_m, row.descent_m = run.cadence_spm, run.ascent_m, run.descent_m
    existing = {p.id: p for p in row.pains}
    kept: list[PainRow] = []
    for pain in run.pains:
        prow = existing.get(pain.id) if pain.id is not None else None
        if prow is None:
            kept.append(pain_to_row(pain))
            continue
        fresh = pain_to_row(pain)
        for attr in ("site", "side", "onset_m", "onset_s", "intensity", "stopped_early", "next_morning"):
            setattr(prow, attr, getattr(fresh, attr))
        kept.append(prow)
    row.pains = kept
    row.updated_at = stamp  # as claimed above (the ORM's onupdate would stamp a later time)
    session.flush()
    return get_run(session, row.id)  # type: ignore[return-value]


def delete_run(session: Session, run_id: int) -> Run:
    """Delete a run with its pains; returns what was deleted (for undo).

    A run imported from a file is forgotten as well: the watch folder does
    not bring it back (``runlog.store.forgotten``).
    """
    run = get_run(session, run_id)
    row = session.get(RunRow, run_id)
    if run is None or row is None:
        raise LookupError(f"run {run_id} does not exist")
    forget(session, run.source, run.date)
    session.delete(row)
    session.flush()
    return run


def delete_damaged_run(session: Session, run_id: int) -> None:
    """Delete a run the log holds damaged, with its pains and marks, without
    reading its values (they cannot be read; so undo cannot bring it back)."""
    session.execute(delete(PainRow).where(PainRow.run_id == run_id))
    session.execute(delete(MarkRow).where(MarkRow.run_id == run_id))
    if session.execute(delete(RunRow).where(RunRow.id == run_id)).rowcount != 1:
        raise LookupError(f"run {run_id} does not exist")
    if (skipped := skipped_of(session)) is not None:
        skipped.clear()  # the next read scans again if anything else is damaged


def get_run(session: Session, run_id: int) -> Run | None:
    runs = load_runs(session, RunRow.id == run_id)
    return runs[0] if runs else None



def runs_between(session: Session, since: dt.date | None = None, until: dt.date | None = None) -> list[Run]:
    """Runs dated within [since, until] (either end open), oldest first."""
    conditions = [RunRow.date >= since] if since else []
    if until:
        conditions.append(RunRow.date <= until)
    return load_runs(session, and_(True, *conditions))


def recent_runs(session: Session, limit: int, offset: int = 0) -> list[Run]:
    """A page of runs, newest first (date, start time, then entry order)."""
    return load_runs(session, and_(True), order=_NEWEST_FIRST, limit=limit, offset=offset)


def matching_runs(session: Session, text: str, limit: int, offset: int = 0) -> list[Run]:
    """A page of the runs, newest first, whose shoe, orthotic or note holds
    ``text`` (any case), or with a pain whose site reads so as the run list
    shows it (``L below kneecap``, ``left calf``, ``knee``)."""
    return load_runs(session, _matching(text), order=_NEWEST_FIRST, limit=limit, offset=offset)


def _matching(text: str):
    needle = text.strip().lower()
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    like = lambda column: func.lower(column).like(pattern, escape="\\")  # noqa: E731
    gear_ids = lambda row: select(row.id).where(like(row.name))  # noqa: E731
    # Sites are matched in Python against the words the list shows; the
    # database holds their codes (below_kneecap), which no runner types.
    sites = [
        and_(PainRow.site == site.value, PainRow.side == side.value)
        for site in PainSite
        for side in Side
        if any(needle in words for words in (f"{side.letter} {site.label}".lower(), f"{side.value} {site.label}"))
    ]
    conditions = [
        like(RunRow.notes),
        RunRow.shoe_id.in_(gear_ids(ShoeRow)),
        RunRow.orthotic_id.in_(gear_ids(OrthoticRow)),
    ]
    if sites:
        conditions.append(RunRow.id.in_(select(PainRow.run_id).where(or_(*sites))))
    return or_(*conditions)


def count_runs(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RunRow)) or 0


def pains_awaiting_morning(session: Session, today: dt.date, since: dt.date | None = None) -> list[tuple[Run, Pain]]:
    """Pain entries whose next morning has come (the run was before ``today``)
    and whose status is blank, oldest run first."""
    run_ids = select(PainRow.run_id).where(PainRow.next_morning.is_(None))
    where = and_(RunRow.date < today, RunRow.id.in_(run_ids))
    if since is not None:
        where = and_(where, RunRow.date >= since)
    return [
        (run, pain)
        for run in load_runs(session, where)
        for pain in run.pains
        if pain.next_morning is None
    ]


#: The check-in asks about the runs of this many days before today. Older
#: blank mornings stay blank ("not recorded") and are not asked again; the
#: run form can still fill them in.
CHECKIN_DAYS = 7


def mornings_to_ask(session: Session, today: dt.date) -> list[tuple[Run, Pain]]:
    """The pain entries the check-in asks about: blank mornings of the runs
    in the ``CHECKIN_DAYS`` before ``today``, newest run first."""
    recent = pains_awaiting_morning(session, today, since=today - dt.timedelta(days=CHECKIN_DAYS))
    recent.sort(key=lambda pair: pair[0].date, reverse=True)
    return recent


def record_next_morning(session: Session, pain_id: int, status: NextMorning | None) -> None:
    """Set (or clear, with ``None``) how a pain was the next morning."""
    row = session.get(PainRow, pain_id)
    if row is None:
        raise LookupError(f"pain entry {pain_id} does not exist")
    row.next_morning = NextMorning(status).value if status is not None else None
    session.flush()


def last_used_gear(session: Session) -> tuple[Shoe | None, Orthotic | None]:
    """The shoe and orthotic of the most recent run (the form's defaults)."""
    latest = recent_runs(session, limit=1)
    if not latest:
        return None, None
    return latest[0].shoe, latest[0].orthotic


def last_used_kind(session: Session) -> ActivityKind:
    """The kind of the most recent run (the form's default): run in an empty log."""
    kind = session.scalar(select(RunRow.kind).order_by(*_NEWEST_FIRST).limit(1))
    return ActivityKind(kind) if kind else ActivityKind.RUN


def last_pain_site(session: Session) -> tuple[PainSite, Side] | None:
    """The site and side of the pain logged last (on the most recent run with
    one): where the knee picker's cursor starts."""
    row = session.execute(
        select(PainRow.site, PainRow.side).join(RunRow, RunRow.id == PainRow.run_id)
        .order_by(*_NEWEST_FIRST, PainRow.id.desc()).limit(1)
    ).first()
    return (PainSite(row.site), Side(row.side)) if row else None
