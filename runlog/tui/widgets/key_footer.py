"""A footer that shows every key of the run list at 120 columns and the
most used ones at 80.

Textual's ``Footer`` shows a binding or hides it at every width. This one
marks the keys of the actions in ``wide_only`` with the class ``-wide-only``;
``runlog.tcss`` hides them below the wide breakpoint (``Screen.-narrow``),
where the help (``?``) and the palette (ctrl+p) still list them. The
palette's own label gives way too: every action here has its key in view.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A compact footer whose ``wide_only`` actions show only in a wide terminal."""

    def __init__(self, wide_only: Iterable[str], **options) -> None:
        options.setdefault("compact", True)
        super().__init__(**options)
        self.wide_only = frozenset(wide_only)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in self.wide_only:
                widget.add_class("-wide-only")
            yield widget
