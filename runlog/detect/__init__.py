"""The pattern detector: pure functions over domain runs, no database, no terminal.

``detect(runs, since, until)`` applies the rules below to the runs of a
window and returns a ``Report`` of findings and "why not" notes;
``Report.to_json()`` is the ``detect --json`` contract (README, "Contracts")
and ``format_text`` its readable form. This docstring is the reference for
the rules; every threshold is a named constant in ``rules.py``, re-exported
here.

What the rules look for
=======================

Runner's knee (chondromalacia patellae, patellofemoral pain) is knee pain
with its cause in the foot: too much pronation turns the lower leg inwards
while the thigh has begun to turn outwards, the knee is twisted between the
two, and the patellar tendon pulls on the kneecap at a steeper angle (about
0-15 degrees normally, up to about 30). Its tell-tale course, which sets it
apart from other knee problems, is pain that

1. starts partway into a run, at about the same distance or time each run;
2. sits just below the kneecap, on it, or along the inner side of the knee;
3. lasts the rest of the run (sometimes forcing a stop), often the rest of the day;
4. is gone by the next morning;
5. returns on the next run that goes past that point. A run too short to
   reach the point is expected to be pain-free and counts neither way.

A rarer variant comes from too much supination: a foot that absorbs shock
poorly sends the impact up the leg, and the pain is on the outer side of the
knee. Pain that is still there the next morning, at rest or from the first
step does not fit it: the source suggests no shoes or orthotics then, and
a knee specialist should look at it.

Window, groups and episodes
===========================

The window is the runs dated ``since`` to ``until``, both included;
by default (``default_window``) the ``DEFAULT_WINDOW_WEEKS`` (12) whole
weeks ending with the week that holds today, the same window the weekly
review and the reports look at, so all of them show the same numbers.
The input order never matters: runs are sorted by date, start time, id and their own figures (``episodes.run_order``).

Pain entries are grouped per side (``left``, ``right``) and site group
(``episodes.SiteGroup``): *front/inner* (``below_kneecap``, ``inner_knee``,
``kneecap``), *outer* (``outer_knee``), and ``above_kneecap`` and
``back_of_knee`` each on its own. An **episode** is a run with pain in one
group on one side. Several entries of one group on one run make a single
episode with the earliest onset on each basis, the highest intensity,
"stopped early" if any entry says so and the worst recorded next morning.
Sites away from the knee (shin, calf, ankle, foot, heel, hip, other) are in
no pattern; the report only counts them in a note.

Onset basis and onset point
===========================

The **basis** is distance into the run when at least ``TWO_THIRDS`` of the
group's episodes record a distance onset, otherwise time into the run. The
**onset point** is the median of the episodes' onsets on that basis (those
without one left out). Shares are exact fractions: two thirds of 6 is 4.

The signature: five rules
=========================

A group shows the signature when all five hold:

1. **Recurs**: at least ``MIN_EPISODES`` (3) episodes in the window.
2. **Partway**: the onset point is at least ``MIN_ONSET_KM`` (1 km) into the
   run on the distance basis, or ``MIN_ONSET_MIN`` (5 minutes) on the time basis.
3. **Same point**: at least ``TWO_THIRDS`` of the episodes have an onset within
   ``SAME_POINT_TOLERANCE`` (±25%) of the onset point; an episode with no
   onset on the basis is never within. An episode with no onset at all (the
   runner logged it as "not sure") is left out of the onset basis and of
   this count: it still recurs, clears and comes back like any other.
4. **Clears by morning**: the next-morning status is recorded for at least
   ``MIN_MORNINGS`` (2) episodes, and at least ``TWO_THIRDS`` of those
   recorded are ``gone``.
5. **Comes back**: of the runs dated from the first to the last episode that
   went past the onset point (distance or duration at least the point;
   episodes always count), at least ``TWO_THIRDS`` are episodes. Shorter runs
   are left out of the count.

Findings
========

A group makes at most one finding, its ``pattern``:

- ``runners_knee``: the front/inner group shows the signature;
- ``outer_knee_supination``: the outer group shows the signature;
- ``persistent_knee_pain``: any of the four knee groups with at least
  ``MIN_EPISODES`` episodes where more than half of the recorded next
  mornings (at least one) are ``same`` or ``worse``. Persistence wins over
  the signature (the two cannot both hold: the signature needs two thirds
  ``gone``). It carries only ``see_knee_specialist``: no shoe or orthotic
  advice for that side and group.

A group with episodes but no finding gets a note saying which rule failed,
with its numbers ("a pattern needs at least 3").

Severity
========

``significant`` when the median intensity (0-10) of the episodes is at least
``SIGNIFICANT_INTENSITY`` (6), or the runner stopped early on at least
``STOPPED_SHARE`` (a third) of them; otherwise ``mild``.

Suggestions (``advice.suggestions_for``)
========================================

The most recent episode's shoe and orthotic decide what the runner "already
wears". In order, the first row that applies gives the main suggestion, and
every signature finding adds ``ice_short_term``:

==========================================================  ==============================
situation                                                   suggestion code
==========================================================  ==============================
persistent knee pain                                        ``see_knee_specialist`` (alone)
outer knee, already in shock-absorbing orthotics            ``see_foot_specialist``
outer knee, otherwise                                       ``shock_absorbing_orthotics``
runner's knee, already in any orthotic                      ``see_foot_specialist``
runner's knee, significant or already in motion-control     ``orthotics``
shoes
runner's knee, mild                                         ``motion_control_shoes``
==========================================================  ==============================

Motion-control shoes may be enough in a mild case; orthotics that limit
pronation are the source's main measure (trials found short-term relief);
orthotics already worn want
checking or refitting by a foot specialist; the outer-knee variant wants
shock-absorbing orthotics fitted by a foot specialist, since most
off-the-shelf inserts absorb little shock; ice eases the symptoms for a while
and treats nothing. The source rates strengthening exercises of marginal use
for a mechanical problem, so runlog does not suggest them, and it never
suggests medication or doses. Every output that suggests anything carries
``DISCLAIMER``: runlog finds patterns in the runner's own log and does not
diagnose.

Status and the change before it
===============================

``resolved`` when at least ``RESOLVED_AFTER_RUNS`` (3) runs after the last
episode went past the onset point without this pain (every later run counts
when no onset was recorded); otherwise ``active``. A resolved finding names
the most recent shoe or orthotic change (``Change``: date, kind, name)
after the first episode and no later than the first run of the pain-free
stretch: the before/after evidence a podiatrist wants. A change made before
the pain began cannot be what ended it and is not named. A run with no shoe
recorded is no shoe change; a run without an orthotic is an orthotic change
(none worn). When both changed on one run the orthotic is named.

Confidence
==========

A number in [0, 1] (``rules.confidence``)::

    0.4 * n / (n + 2)  +  0.3 * tightness  +  0.3 * mornings answered / n

where ``n`` is the number of episodes (3 give 0.6 of that term, 8 give 0.8;
it never reaches 1) and ``tightness`` is ``1 - d / SAME_POINT_TOLERANCE``
(at least 0), ``d`` being the median over the episodes of
``|onset - point| / point`` with a missing onset infinitely far: 1 when
every onset is at the same spot, 0 when the typical one is 25% or more away.
The weights are ``rules.CONFIDENCE_WEIGHTS``.

Progress, changes before and after, spikes
==========================================

Beside the findings, a report carries the progress of every group with at
least 6 episodes (``progress``: is the point where the pain begins moving,
the worst pain, the latest mornings, the longest run since), the runs past
the onset point before and after each change the runner made
(``before_after``, Fisher's exact test in ``fisher``) and the single runs
much longer than the 30 days before them (``spikes``). Each of those modules
states its rules and names its thresholds.

Evidence and explanation
========================

Every finding lists its evidence (its episodes' dates, oldest first) and
explains in plain words which rules held and with what numbers, in the
runner's unit ("pain began at 4.9-5.2 km on 7 of 8 runs ...; gone next
morning 6 of 6 times"). The JSON's figures stay in km and minutes.
"""

from runlog.detect.advice import DISCLAIMER, SUGGESTION_TEXT, suggestions_for
from runlog.detect.detector import HISTORY_DAYS, default_window, detect
from runlog.detect.findings import (
    Change,
    ChangeKind,
    Finding,
    OnsetBasis,
    Pattern,
    Report,
    Severity,
    Status,
    Suggestion,
)
from runlog.detect.rules import (
    DEFAULT_WINDOW_WEEKS,
    MIN_EPISODES,
    MIN_MORNINGS,
    MIN_ONSET_KM,
    MIN_ONSET_MIN,
    RESOLVED_AFTER_RUNS,
    SAME_POINT_TOLERANCE,
    SIGNIFICANT_INTENSITY,
    STOPPED_SHARE,
    TWO_THIRDS,
)
from runlog.detect.text import format_text

__all__ = [
    "DEFAULT_WINDOW_WEEKS",
    "DISCLAIMER",
    "HISTORY_DAYS",
    "MIN_EPISODES",
    "MIN_MORNINGS",
    "MIN_ONSET_KM",
    "MIN_ONSET_MIN",
    "RESOLVED_AFTER_RUNS",
    "SAME_POINT_TOLERANCE",
    "SIGNIFICANT_INTENSITY",
    "STOPPED_SHARE",
    "SUGGESTION_TEXT",
    "TWO_THIRDS",
    "Change",
    "ChangeKind",
    "Finding",
    "OnsetBasis",
    "Pattern",
    "Report",
    "Severity",
    "Status",
    "Suggestion",
    "default_window",
    "detect",
    "format_text",
    "suggestions_for",
]
