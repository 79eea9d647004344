"""``runlog export -o`` of 100,000 CSV rows against the ``sqlite3`` shell writing
the same joined columns (goal: 3x)."""

from __future__ import annotations

from pathlib import Path

from tests.perf.harness import Bench, Figure, figure, line_count

#: The export's columns from the sqlite3 shell: the same joins, order and units.
EXPORT_SQL = """
SELECT r.id AS run_id, r.date AS date, substr(r.start_time, 1, 5) AS start_time,
       round(r.distance_m / 1000.0, 3) AS distance_km, round(r.duration_s / 60.0, 2) AS duration_min,
       s.name AS shoe, s.type AS shoe_type, o.name AS orthotic, o.type AS orthotic_type, r.effort AS effort,
       CASE WHEN p.id IS NULL THEN 'no' ELSE 'yes' END AS pain, p.site AS pain_site, p.side AS pain_side,
       round(p.onset_m / 1000.0, 3) AS pain_onset_km, round(p.onset_s / 60.0, 2) AS pain_onset_min,
       p.intensity AS pain_intensity,
       CASE WHEN p.id IS NULL THEN NULL WHEN p.stopped_early THEN 'yes' ELSE 'no' END AS stopped_early,
       p.next_morning AS next_morning, r.notes AS notes
FROM runs r
LEFT JOIN shoes s ON s.id = r.shoe_id
LEFT JOIN orthotics o ON o.id = r.orthotic_id
LEFT JOIN pains p ON p.run_id = r.id
ORDER BY r.date, r.start_time, r.id, p.id;
"""


def measure(bench: Bench, source: Path, sqlite3: str) -> Figure:
    ours, theirs = bench.folder / "export-runlog.csv", bench.folder / "export-sqlite3.csv"
    runlog_export = bench.runlog("--db", str(source), "export", "-o", str(ours))
    shell_export = [sqlite3, "-readonly", "-csv", "-header", str(source), EXPORT_SQL]
    base, subj = bench.pairs(lambda: bench.spawn(shell_export, stdout=theirs), lambda: bench.spawn(runlog_export))
    rows = line_count(ours) - 1
    if rows != line_count(theirs) - 1:
        raise RuntimeError(f"runlog exported {rows} rows but the sqlite3 shell {line_count(theirs) - 1}")
    return figure("export", [c.seconds for c in base], [c.seconds for c in subj], note=f"{rows} rows each",
                  cpu=(base, subj))
