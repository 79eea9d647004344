"""What the watch knew about a run, in one line for the run form: shown, never advised."""

from __future__ import annotations

from runlog.domain import Run


def watch_line(run: Run | None) -> str:
    """``167 steps/min · 64 m up · 61 m down · km before the pain began: 40 m down, 172 steps/min``;
    ``""`` for a run without any of them (one typed by hand)."""
    if run is None:
        return ""
    parts = []
    if run.cadence_spm is not None:
        parts.append(f"{run.cadence_spm:.0f} steps/min")
    if run.ascent_m is not None:
        parts.append(f"{run.ascent_m:.0f} m up")
    if run.descent_m is not None:
        parts.append(f"{run.descent_m:.0f} m down")
    before = []
    if run.before_onset_descent_m is not None:
        before.append(f"{run.before_onset_descent_m:.0f} m down")
    if run.before_onset_cadence_spm is not None:
        before.append(f"{run.before_onset_cadence_spm:.0f} steps/min")
    if before:
        parts.append("km before the pain began: " + ", ".join(before))
    return " · ".join(parts)
