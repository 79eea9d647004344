"""The weekly review's progress panel: per group, where the pain begins now
against early on, and each change with what the runs before and after show
(DOMAIN.md "Progress", "Changes the runner made"), as Rich text.

Every text a runner typed (change labels, gear names) goes in as ``Text``,
never as markup.
"""

from __future__ import annotations

from rich.text import Text

from runlog.detect import SUGGESTION_TEXT
from runlog.detect.before_after import Verdict
from runlog.detect.progress_text import OWN_RUNS_ONLY, VERDICT_TEXT, onset_sentence, p_text, progress_title
from runlog.review import WeeklyReview
from runlog.wording import onset_text

_VERDICT_STYLE = {
    Verdict.FEWER_PAINFUL_RUNS: "bold green",
    Verdict.MORE_PAINFUL_RUNS: "bold red",
    Verdict.NO_CLEAR_DIFFERENCE: "bold",
    Verdict.NOT_ENOUGH_RUNS: "dim",
}


def progress_text(review: WeeklyReview) -> Text | None:
    """The panel's text, or ``None`` when no group has the 6 episodes progress needs."""
    report = review.report
    if not report.progress:
        return None
    units = review.settings.units
    out = Text()
    for index, entry in enumerate(report.progress):
        if index:
            out.append("\n\n")
        out.append(progress_title(entry), "bold")
        out.append("\n")
        out.append(onset_sentence(entry, units))
        rest = entry.explanation[len(onset_sentence(entry, units)):].strip()
        if rest:
            out.append(" " + rest, "dim")
        if entry.comparisons and entry.point is not None:
            point = onset_text(entry.basis, entry.point, units)
            for c in entry.comparisons:
                out.append("\n• ")
                label = f" {c.change.label}" if c.change.label else ""
                out.append(f"{c.change.date:%b} {c.change.date.day} {c.change.kind.value}{label}: ")
                out.append(
                    f"pain on {c.before_pain} of {c.before_runs} runs past {point} before, "
                    f"{c.after_pain} of {c.after_runs} after: "
                )
                out.append(VERDICT_TEXT[c.verdict], _VERDICT_STYLE[c.verdict])
                if c.p_value is not None:
                    out.append(f" ({p_text(c.p_value)})")
                if c.nearby:
                    named = ", ".join(f"{o.kind.value}{' ' + o.label if o.label else ''}" for o in c.nearby)
                    out.append(f"; within 14 days also: {named}", "italic")
            out.append(f"\n{OWN_RUNS_ONLY}", "italic dim")
        for code in entry.suggestions:
            out.append(f"\n• {SUGGESTION_TEXT[code]}", "bold")
    return out
