"""The reports runlog writes for the runner or a podiatrist: Markdown
(``markdown``), a self-contained HTML page (``html``) with charts drawn as
inline SVG (``svg``), and the gear comparison both of them show (``gear``).

Pure renderers over a ``runlog.review.ReviewSpan``: no database, no terminal.
"""
