"""A fuzz corpus: real FIT, GPX and TCX files (tests/fixtures/activities, with their licences), damaged on purpose.

Each file is mutated the ways storage and transfers damage files (a flipped
bit, a few bytes overwritten, the file cut short, a run of bytes repeated),
from a fixed seed so the corpus is the same on every run. Every mutant must
come back as activities or as a refusal with a reason a reader foresaw: no
exception escapes a reader, and none falls through to the last-resort catch.
"""

from __future__ import annotations

import random
import warnings

import pytest

from runlog.domain.units import Units
from runlog.formats.activity_files import read_outcomes
from runlog.formats.activity_result import RefusalCode

from .conftest import ACTIVITIES

#: (file, mutants): the small files get more mutants, the large ones fewer, so the corpus runs in seconds.
SOURCES = [
    ("fitdecode/garmin-fenix-5-run.fit", 160),
    ("fitdecode/garmin-fenix-5-bike.fit", 60),
    ("fitdecode/sample-activity-indoor-trainer.fit", 12),
    ("fitdecode/activity-small-fenix2-run.fit", 4),
    ("gpxpy/cerknicko-jezero.gpx", 60),
    ("runlog/opentracks-markers.gpx", 120),
    ("gpxpy/track-with-empty-segment.gpx", 60),
    ("python-tcxparser/test.tcx", 20),
    ("runlog/strava-upload.tcx", 120),
]
SEED = 19


def mutate(data: bytes, chance: random.Random) -> bytes:
    """One damaged copy of ``data``."""
    damaged = bytearray(data)
    how = chance.randrange(4)
    if how == 0:
        damaged[chance.randrange(len(damaged))] ^= 1 << chance.randrange(8)
    elif how == 1:
        for _ in range(chance.randrange(1, 8)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)
    elif how == 2:
        del damaged[chance.randrange(len(damaged)):]
    else:
        start = chance.randrange(len(damaged))
        damaged[start:start] = damaged[start:start + chance.randrange(1, 64)]
    return bytes(damaged)


@pytest.mark.parametrize(("name", "count"), SOURCES)
def test_every_mutant_of_a_real_file_is_read_or_refused_with_a_reason(tmp_path, name, count):
    original = (ACTIVITIES / name).read_bytes()
    chance = random.Random(f"{SEED}:{name}")
    path = tmp_path / "mutant"
    codes: dict[RefusalCode | None, int] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fitdecode warns about what it repairs; not this test's concern
        for _ in range(count):
            path.write_bytes(mutate(original, chance))
            [outcome] = read_outcomes(path, Units.KM)
            code = outcome.refusal.code if outcome.refusal else None
            codes[code] = codes.get(code, 0) + 1
            if outcome.refusal is not None:
                assert outcome.refusal.code is not RefusalCode.READER_FAILED, outcome.refusal.message
                assert outcome.refusal.message.startswith(f"{path} ")
                assert outcome.refusal.message.endswith(".")
    assert codes.get(RefusalCode.DAMAGED, 0) > 0, codes  # the corpus does damage the files


def test_the_corpus_holds_a_flipped_byte_that_made_fitdecode_assert():
    """The class of failure that stopped the watch folder: fitdecode's AssertionError on a damaged definition."""
    import fitdecode

    original = (ACTIVITIES / "fitdecode/garmin-fenix-5-run.fit").read_bytes()
    chance = random.Random(f"{SEED}:fitdecode/garmin-fenix-5-run.fit")
    asserted = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(160):
            mutant = mutate(original, chance)
            try:
                with fitdecode.FitReader(mutant, processor=None, check_crc=fitdecode.CrcCheck.RAISE) as reader:
                    for _frame in reader:
                        pass
            except AssertionError:
                asserted += 1
            except Exception:  # noqa: BLE001, S110 - other damage is fitdecode's own error, counted elsewhere
                pass
    assert asserted > 0
