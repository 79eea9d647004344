"""The subcommands of ``runlog``.

Each module here exposes ``register(subparsers)``, which adds its parser and
sets ``run`` as the parser's ``handler`` default. ``run(args, context)``
returns the exit status; it raises ``UserError`` for bad input, which the CLI
turns into one sentence on stderr and exit status 1.
"""
