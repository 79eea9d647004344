"""SQLAlchemy models: the tables behind the runner's log.

Canonical units only (metres, seconds). Every vocabulary column is guarded by
a CHECK constraint as well as by the domain enums, so a bad value cannot reach
the file by any path. The schema itself is created by Alembic migrations
only; these models must match them (``alembic check`` is a test).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from runlog.domain.activity import ActivityKind
from runlog.domain.changes import MAX_LABEL, RunnerChangeKind
from runlog.domain.vocab import NextMorning, OrthoticType, PainSite, ShoeType, Side

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values) -> str:
    quoted = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({quoted})"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp; SQLite stores it naive, we restore the zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ShoeRow(Base):
    __tablename__ = "shoes"
    __table_args__ = (
        CheckConstraint(_in("type", ShoeType) + " OR type IS NULL", name="type"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("start_distance_m >= 0", name="start_distance"),
        CheckConstraint("retire_distance_m > 0", name="retire_distance"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str | None] = mapped_column(String(20))
    first_used: Mapped[dt.date | None] = mapped_column(Date)
    start_distance_m: Mapped[float] = mapped_column(Float, default=0.0)
    retire_distance_m: Mapped[float] = mapped_column(Float, default=700_000.0)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)


class OrthoticRow(Base):
    __tablename__ = "orthotics"
    __table_args__ = (
        CheckConstraint(_in("type", OrthoticType) + " OR type IS NULL", name="type"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str | None] = mapped_column(String(20))
    first_used: Mapped[dt.date | None] = mapped_column(Date)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)


class RunRow(Base):
    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint("distance_m >= 0", name="distance"),
        CheckConstraint("duration_s > 0", name="duration"),
        CheckConstraint("effort IS NULL OR (effort BETWEEN 1 AND 10)", name="effort"),
        CheckConstraint(_in("kind", ActivityKind), name="kind"),
        CheckConstraint("elapsed_s IS NULL OR elapsed_s >= 0", name="elapsed"),
        CheckConstraint("cadence_spm IS NULL OR (cadence_spm >= 0 AND cadence_spm <= 300)", name="cadence"),
        CheckConstraint("ascent_m IS NULL OR (ascent_m >= 0 AND ascent_m <= 20000)", name="ascent"),
        CheckConstraint("descent_m IS NULL OR (descent_m >= 0 AND descent_m <= 20000)", name="descent"),
        CheckConstraint("before_onset_descent_m IS NULL OR (before_onset_descent_m >= 0 AND "
                        "before_onset_descent_m <= 20000)", name="before_onset_descent"),
        CheckConstraint("before_onset_cadence_spm IS NULL OR (before_onset_cadence_spm >= 0 AND "
                        "before_onset_cadence_spm <= 300)", name="before_onset_cadence"),
        Index("ix_runs_date_start", "date", "start_time"),
        # Ids are never reused: undo puts a deleted run back under its own id.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    distance_m: Mapped[float] = mapped_column(Float)
    duration_s: Mapped[float] = mapped_column(Float)
    shoe_id: Mapped[int | None] = mapped_column(ForeignKey("shoes.id", ondelete="RESTRICT"), index=True)
    orthotic_id: Mapped[int | None] = mapped_column(
        ForeignKey("orthotics.id", ondelete="RESTRICT"), index=True
    )
    effort: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Run, trail run, treadmill, walk or hike; runs logged before activity kinds were known are runs.
    kind: Mapped[str] = mapped_column(String(10), server_default="run")
    #: Where an imported activity came from (``strava:<id>``, ``file:<sha256>``, ...), to recognise
    #: it again; blank for a run typed by hand.
    source: Mapped[str | None] = mapped_column(String(100), unique=True)
    #: Start to finish, pauses included; ``duration_s`` is the timer (moving) time.
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    #: The watch's (or the runner's) average steps per minute, total ascent and descent in metres.
    cadence_spm: Mapped[float | None] = mapped_column(Float)
    ascent_m: Mapped[float | None] = mapped_column(Float)
    descent_m: Mapped[float | None] = mapped_column(Float)
    #: A painful run's descent and cadence over the kilometre before the onset, from its track at import.
    before_onset_descent_m: Mapped[float | None] = mapped_column(Float)
    before_onset_cadence_spm: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    shoe: Mapped[ShoeRow | None] = relationship(lazy="joined")
    orthotic: Mapped[OrthoticRow | None] = relationship(lazy="joined")
    pains: Mapped[list[PainRow]] = relationship(
        back_populates="run",
        cascade="all, delete-orphan",
        order_by="PainRow.id",
        lazy="selectin",
    )
    marks: Mapped[list[MarkRow]] = relationship(
        back_populates="run",
        cascade="all, delete-orphan",
        order_by="MarkRow.id",
        lazy="selectin",
    )


class PainRow(Base):
    __tablename__ = "pains"
    __table_args__ = (
        CheckConstraint(_in("site", PainSite), name="site"),
        CheckConstraint(_in("side", Side), name="side"),
        CheckConstraint("intensity BETWEEN 0 AND 10", name="intensity"),
        CheckConstraint("onset_m IS NULL OR onset_m >= 0", name="onset_m"),
        CheckConstraint("onset_s IS NULL OR onset_s >= 0", name="onset_s"),
        # FALSE/TRUE, not 0/1: PostgreSQL's boolean does not compare with
        # integers, and SQLite reads these keywords as 0 and 1.
        CheckConstraint("stopped_early IN (FALSE, TRUE)", name="stopped_early"),
        CheckConstraint(_in("next_morning", NextMorning) + " OR next_morning IS NULL", name="next_morning"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    site: Mapped[str] = mapped_column(String(20))
    side: Mapped[str] = mapped_column(String(5))
    onset_m: Mapped[float | None] = mapped_column(Float)
    onset_s: Mapped[float | None] = mapped_column(Float)
    intensity: Mapped[int] = mapped_column(Integer)
    stopped_early: Mapped[bool] = mapped_column(Boolean, default=False)
    next_morning: Mapped[str | None] = mapped_column(String(6))

    run: Mapped[RunRow] = relationship(back_populates="pains")


class MarkRow(Base):
    """A lap press or marker the watch recorded: a pain onset the runner may accept."""

    __tablename__ = "marks"
    __table_args__ = (
        CheckConstraint("label IN ('lap', 'marker')", name="label"),
        CheckConstraint("distance_m IS NULL OR distance_m >= 0", name="distance"),
        CheckConstraint("elapsed_s IS NULL OR elapsed_s >= 0", name="elapsed"),
        CheckConstraint("distance_m IS NOT NULL OR elapsed_s IS NOT NULL", name="point_given"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    distance_m: Mapped[float | None] = mapped_column(Float)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(6), default="lap")

    run: Mapped[RunRow] = relationship(back_populates="marks")


class SettingsRow(Base):
    __tablename__ = "settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("units IN ('km', 'mi')", name="units"),
        CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    units: Mapped[str] = mapped_column(String(2), default="km")
    week_start: Mapped[int] = mapped_column(Integer, default=0)
    #: The name the HTML report is made out to; blank when not given.
    runner_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: The folder a watch or its app syncs into; new activity files there are imported on start.
    watch_folder: Mapped[str | None] = mapped_column(Text)


class ForgottenActivityRow(Base):
    """An imported activity the runner deleted: a watch folder never brings it back.

    Kept by the run's ``source`` (the file's fingerprint, ``strava:<id>`` ...).
    Undo of the delete, or importing the file by name, forgets it again.
    """

    __tablename__ = "forgotten_activities"

    source: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: The date of the deleted run, to name it in the list of files not imported.
    run_date: Mapped[dt.date] = mapped_column(Date)
    deleted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class KindGearRow(Base):
    """The shoe and orthotic the runner set for an activity kind: an imported
    activity of that kind gets them (a Strava gear name still wins)."""

    __tablename__ = "kind_gear"
    __table_args__ = (CheckConstraint(_in("kind", ActivityKind), name="kind"),)

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    shoe_id: Mapped[int | None] = mapped_column(ForeignKey("shoes.id", ondelete="SET NULL"))
    orthotic_id: Mapped[int | None] = mapped_column(ForeignKey("orthotics.id", ondelete="SET NULL"))


class ToldFileRow(Base):
    """A file the watch folder could not import that the runner has been told
    about, by its fingerprint: the notice names each such file once."""

    __tablename__ = "told_files"

    fingerprint: Mapped[str] = mapped_column(String(100), primary_key=True)
    told_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChangeRow(Base):
    """A change the runner recorded to deal with the pain (new shoes, orthotics, physio, ...).

    The first day a shoe or orthotic was worn is a change too, read from the
    runs, never stored here.
    """

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint(_in("kind", RunnerChangeKind), name="kind"),
        CheckConstraint(f"length(label) <= {MAX_LABEL}", name="label_length"),
        Index("ix_changes_date", "date"),
        # Ids are never reused: undo puts a removed change back under its own id.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(MAX_LABEL), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
