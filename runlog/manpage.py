"""runlog's manual page (``man runlog``), written in roff from the command line's parser.

Every command, its synopsis, description and options come from the argparse
parser, so the page cannot fall behind the program; the exit statuses, the
files runlog writes and the environment variables it reads are written here.
``runlog man`` prints the page; ``man/runlog.1`` is the same text, shipped in
the wheel as ``share/man/man1/runlog.1`` (a test keeps the two equal).
Standard library only.
"""

from __future__ import annotations

import argparse

from runlog import __version__

#: (name, paragraph) pairs after the commands.
EXIT_STATUS = (
    ("0", "Success. For the line-by-line commands: the run or the answers were saved."),
    ("1", "The command could not do its job: a bad file or row, a log that is not a runlog database, "
          "a full disk, a locked or unreachable log. One sentence on standard error names what is wrong; "
          "nothing half-written is kept."),
    ("2", "Wrong usage: an unknown command or option, or an option's value runlog cannot read "
          "(the sentence names the option). Nothing is saved."),
    ("130", "Interrupted (ctrl+c); nothing half-written was kept."),
)

FILES = (
    ("~/.local/share/runlog/runlog.db",
     "The log, an SQLite file (on Linux; the platform's user data folder elsewhere), created on first use, "
     "mode 0600 in a 0700 folder. --db or RUNLOG_DB name another file or a PostgreSQL database."),
    ("runlog.db.DATE.SCHEMA.bak",
     "Beside the log: a copy written before a new runlog changes the file's layout."),
    ("~/.config/runlog/keys.toml",
     "Your keys: binding ids to keys, such as main.new_run = \"a\" (on Linux; the platform's user config "
     "folder elsewhere). Read at start; a file runlog cannot use is one sentence, and the default keys."),
    ("~/.config/runlog/theme.toml", "The theme chosen in the settings."),
    ("FILE given to export -o, report -o, backup, import --problems",
     "Written readable only by you (0600), replaced in one step; a missing folder is created 0700."),
)

ENVIRONMENT = (
    ("RUNLOG_DB", "The log to open when --db is not given: a file, or a postgresql+psycopg:// URL."),
    ("RUNLOG_THEME", "The terminal app's colour theme, by name (the settings list them), over the saved choice."),
    ("NO_COLOR", "When set, the terminal app draws without colour, in the monochrome theme (https://no-color.org)."),
    ("XDG_DATA_HOME, XDG_CONFIG_HOME", "Where the user data and config folders are, on Linux."),
    ("PGPASSWORD", "The PostgreSQL password, when the log is on a server and ~/.pgpass does not hold it."),
    ("COLUMNS", "The width help text is wrapped to."),
)


def _escape(text: str) -> str:
    """``text`` as roff prints it: backslashes, hyphens and a leading dot or quote made literal."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = [("\\&" + line if line[:1] in (".", "'") else line) for line in text.split("\n")]
    return "\n".join(lines)


def _usage(parser: argparse.ArgumentParser) -> str:
    """The parser's usage on one line, whatever the terminal's width."""
    formatter = argparse.HelpFormatter(parser.prog, width=10_000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _commands(parser: argparse.ArgumentParser):
    """(name, help, parser) of each subcommand, depth first, in the order --help lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name, ""), sub
                yield from ((f"{name} {n}", h, p) for n, h, p in _commands(sub))


def _options(parser: argparse.ArgumentParser, skip: set[str]) -> list[str]:
    """The .TP paragraphs of a parser's arguments; options in ``skip`` are left out."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if action.option_strings and set(action.option_strings) <= skip:
            continue
        if action.option_strings:
            value = ""
            if action.nargs != 0:
                value = " " + (action.metavar or ("{" + ",".join(map(str, action.choices)) + "}" if action.choices
                                                  else action.dest.upper()))
            term = ", ".join(f"\\fB{_escape(o)}\\fR" for o in action.option_strings) + _escape(value)
        else:
            term = f"\\fI{_escape(action.metavar or action.dest)}\\fR"
        out += [".TP", term, _escape(action.help or "")]
    return out


def manpage(parser: argparse.ArgumentParser) -> str:
    """The whole page, in roff (man macros)."""
    lines = [
        f'.TH RUNLOG 1 "" "runlog {__version__}" "User Commands"',
        ".SH NAME",
        "runlog \\- " + _escape("a terminal running log that spots the runner's-knee pain pattern"),
        ".SH SYNOPSIS",
        ".B runlog",
        _escape("[--db PATH] [--demo]"),
        ".br",
        ".B runlog",
        _escape("[--db PATH] COMMAND [OPTIONS]"),
        ".SH DESCRIPTION",
        _escape(parser.description or ""),
        ".PP",
        _escape("Without a command runlog opens the terminal app on your log: log a run (n), the next-morning "
                "check-in (m), the weekly review (r), shoes and orthotics (g), settings (s); every key is listed "
                "in the footer, under ? and in the command palette (ctrl+p). The commands below do the same work "
                "from a shell, a script, or line by line for a screen reader. runlog finds patterns in your own log; "
                "it does not diagnose."),
        ".SH OPTIONS",
        *_options(parser, set()),
        ".SH COMMANDS",
        _escape("Every command also takes --db PATH after its name."),
    ]
    for name, text, sub in _commands(parser):
        lines += [f".SS {_escape(name)}", _escape(text[:1].upper() + text[1:]) + ".", ".PP", ".nf",
                  _escape(_usage(sub)), ".fi"]
        if sub.description:
            lines += [".PP", _escape(sub.description)]
        lines += _options(sub, {"-h", "--help", "--db"})
        if sub.epilog:
            lines += [".PP", _escape(sub.epilog)]
    for title, rows in (("EXIT STATUS", EXIT_STATUS), ("ENVIRONMENT", ENVIRONMENT), ("FILES", FILES)):
        lines.append(f".SH {title}")
        for term, text in rows:
            lines += [".TP", f"\\fB{_escape(term)}\\fR", _escape(text)]
    lines += [
        ".SH PRIVACY",
        _escape("runlog makes no network connections (beyond a PostgreSQL server you name) and sends no "
                "telemetry; no health data goes into its messages."),
        ".SH SEE ALSO",
        _escape("The README that comes with runlog (the distribution runlog-knee) describes every screen, "
                "the CSV form and the detector's rules."),
    ]
    return "\n".join(lines) + "\n"
