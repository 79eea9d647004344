"""The readable form of a report: what ``runlog detect`` prints without ``--json``."""

from __future__ import annotations

import textwrap

from runlog.detect.advice import SUGGESTION_TEXT
from runlog.detect.findings import Finding, Report
from runlog.detect.progress import Progress
from runlog.detect.progress_text import OWN_RUNS_ONLY, SPIKE_STUDY, comparison_text, progress_title, spike_text
from runlog.domain import Units
from runlog.wording import finding_title, onset_text, plural

WIDTH = 78


def format_text(report: Report, units: Units | None = None) -> str:
    """One block per finding (title, explanation, evidence, suggestions), the
    notes, and the disclaimer last.

    The explanations were worded by ``detect`` in its ``units``; pass the same
    ``units`` here or none. A different unit raises ``ValueError`` rather than
    print two units side by side.
    """
    if units is not None and units != report.units:
        raise ValueError(
            f"the report was worded in {report.units.value}; "
            f"call detect(..., units=Units.{units.name}) for {units.value}"
        )
    blocks = [
        f"Knee-pain patterns from {report.since} to {report.until} "
        f"({plural(report.runs_considered, 'run')})"
    ]
    blocks += [_finding_block(finding) for finding in report.findings]
    blocks += [_progress_block(entry, report.units) for entry in report.progress]
    if report.spikes:
        blocks.append(_spikes_block(report))
    if report.notes:
        heading = "Also noted:" if report.findings else "Nothing to report:"
        blocks.append("\n".join([heading, *(_bullet(text) for text in report.notes)]))
    blocks.append(textwrap.fill(report.disclaimer, WIDTH))
    return "\n\n".join(blocks) + "\n"


def _finding_block(finding: Finding) -> str:
    dates = ", ".join(day.isoformat() for day in finding.evidence)
    lines = [
        finding_title(finding),
        _indented(finding.explanation),
        _indented(f"Episodes: {dates}"),
        _indented(f"Confidence: {finding.confidence:.2f}"),
        "  What may help:",
        *(_bullet(SUGGESTION_TEXT[code]) for code in finding.suggestions),
    ]
    return "\n".join(lines)


def _indented(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="  ")


def _bullet(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  - ", subsequent_indent="    ")


def _progress_block(entry: Progress, units: Units) -> str:
    lines = [progress_title(entry), _indented(entry.explanation)]
    if entry.comparisons and entry.point is not None:
        point = onset_text(entry.basis, entry.point, units)
        lines.append("  Before and after each change:")
        lines += [_bullet(comparison_text(c, point, entry.family.value)) for c in entry.comparisons]
        lines.append(_indented(OWN_RUNS_ONLY))
    lines += [_bullet(SUGGESTION_TEXT[code]) for code in entry.suggestions]
    return "\n".join(lines)


def _spikes_block(report: Report) -> str:
    head = textwrap.fill(f"Single runs much longer than usual ({SPIKE_STUDY}):", WIDTH)
    return "\n".join([head, *(_bullet(spike_text(spike, report.units)) for spike in report.spikes)])
