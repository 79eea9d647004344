"""The gear screen's k: the shoe and orthotic imported activities of a kind get."""

from __future__ import annotations

from runlog.domain.activity import ActivityKind
from runlog.store.kind_gear import kind_defaults
from runlog.tui.screens.gear import GearScreen
from runlog.tui.screens.kind_gear_form import KindGearForm

from .helpers import SIZE, make_app, screen_text, settle


async def test_k_sets_the_selected_shoe_as_the_default_for_trail_runs(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert "get the shoe and orthotic last used for their kind" in screen_text(app)
        await pilot.press("down", "k")  # Pegasus 40 (shoes are listed by name)
        await settle(pilot)
        assert isinstance(app.screen, KindGearForm)
        await pilot.press("right", "tab", "tab", "g", "ctrl+s")  # trail run; orthotic: Green insoles
        await settle(pilot)
        assert isinstance(app.screen, GearScreen)
        assert "Imported trail runs get Pegasus 40 + Green insoles; other kinds the last used" in screen_text(app)
    with factory.read() as session:
        default = kind_defaults(session)
    assert list(default) == [ActivityKind.TRAIL_RUN]
    assert (default[ActivityKind.TRAIL_RUN].shoe.name, default[ActivityKind.TRAIL_RUN].orthotic.name) == (
        "Pegasus 40", "Green insoles"
    )


async def test_k_back_to_last_used_clears_the_default(factory, gear):
    pegasus = gear[0]
    from runlog.store.kind_gear import set_kind_default

    with factory.write() as session:
        set_kind_default(session, ActivityKind.RUN, pegasus, None)
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("tab", "l", "ctrl+s")  # shoe: "last used for the kind"
        await settle(pilot)
        assert "get the shoe and orthotic last used for their kind" in screen_text(app)
    with factory.read() as session:
        assert kind_defaults(session) == {}


async def test_esc_leaves_the_gear_per_kind_unchanged(factory, gear):
    app = make_app(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("right", "escape")
        await settle(pilot)
        assert isinstance(app.screen, GearScreen)
    with factory.read() as session:
        assert kind_defaults(session) == {}
