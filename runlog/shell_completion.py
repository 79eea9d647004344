"""Shell completion scripts for bash, zsh and fish, written from ``runlog``'s own parser.

The script is static: what it offers is worked out here, once, from the
argparse parser (subcommands at every depth, their options, the choices of
an option or an argument, and file names where an argument names a file),
so nothing runs at each TAB and a command added to the parser is completed
without touching this module. Standard library only.
"""

from __future__ import annotations

import argparse
import re

#: Metavars that name a file or folder: their values complete as paths.
_PATHLIKE = re.compile(r"FILE|PATH|OUT|DIR|FOLDER")
SHELLS = ("bash", "zsh", "fish")


class Node:
    """One level of the command line: ``runlog``, ``runlog change``, ``runlog change add``."""

    def __init__(self, path: tuple[str, ...], parser: argparse.ArgumentParser):
        self.path = path
        self.help = parser.description or ""
        #: Subcommand name -> its one-line help.
        self.commands: dict[str, str] = {}
        #: Option string -> (what its value is: "", "file", or choices; help).
        self.options: dict[str, tuple[str | tuple[str, ...], str]] = {}
        #: Positional arguments in order: "file", choices, or "" (anything).
        self.positionals: list[str | tuple[str, ...]] = []
        self.children: list[Node] = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
                for name, sub in action.choices.items():
                    self.commands[name] = helps.get(name, "")
                    self.children.append(Node((*path, name), sub))
            elif action.option_strings:
                value = "" if action.nargs == 0 else _value(action)
                for option in action.option_strings:
                    self.options[option] = (value, "" if action.help == argparse.SUPPRESS else (action.help or ""))
            else:
                self.positionals.append(_value(action))

    def walk(self):
        """This node and every node below it."""
        yield self
        for child in self.children:
            yield from child.walk()

    def takes_value(self) -> list[str]:
        return [option for option, (value, _help) in self.options.items() if value != ""]


def _value(action: argparse.Action) -> str | tuple[str, ...]:
    """What an argument's value completes to: its choices, file names, or nothing in particular."""
    # A type function may name its choices for completion (``change add``'s KIND).
    choices = action.choices or getattr(action.type, "choices", None)
    if choices:
        return tuple(str(choice) for choice in choices)
    metavar = action.metavar if isinstance(action.metavar, str) else (action.dest or "").upper()
    typename = getattr(action.type, "__name__", "")
    if _PATHLIKE.search(metavar or "") or typename in ("Path", "path_argument"):
        return "file"
    return "any"


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` (one of ``SHELLS``)."""
    root = Node((), parser)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](root, parser.prog)


def _words(values) -> str:
    return " ".join(values)


def _quote(text: str) -> str:
    """``text`` in single quotes for any of the three shells."""
    return "'" + text.replace("'", "'\\''") + "'"


def _case_lines(root: Node) -> dict[str, list[str]]:
    """The case arms the bash and zsh scripts share, keyed by the table they fill."""
    commands, options, values, positionals = [], [], [], []
    for node in root.walk():
        key = " ".join(node.path)
        if node.commands:
            commands.append(f'        {_quote(key)}) REPLY={_quote(_words(node.commands))} ;;')
        options.append(f'        {_quote(key)}) REPLY={_quote(_words(node.options))} ;;')
        for option in node.takes_value():
            value = node.options[option][0]
            text = value if isinstance(value, str) else "choices " + _words(value)
            values.append(f'        {_quote(key + "|" + option)}) REPLY={_quote(text)} ;;')
        for index, value in enumerate(node.positionals):
            text = value if isinstance(value, str) else "choices " + _words(value)
            positionals.append(f'        {_quote(key + "|" + str(index))}) REPLY={_quote(text)} ;;')
        if node.positionals and node.positionals[-1] == "file":
            # A last FILE... argument takes any number of paths.
            positionals.append(f'        {_quote(key + "|*")}) REPLY=file ;;')
    return {"commands": commands, "options": options, "values": values, "positionals": positionals}


def _tables(root: Node, name: str) -> str:
    """Shell functions (bash and zsh alike) answering in ``REPLY`` from the parser's tables."""
    arms = _case_lines(root)
    out = []
    for table, lines in arms.items():
        out.append(f"_{name}_{table}() {{\n    REPLY=\n    case \"$1\" in\n" + "\n".join(lines) + "\n    esac\n}")
    return "\n".join(out)


_WALK = r"""
# Where the words from index $1 up to the cursor's ($2) lead: the command
# path, and how many positional arguments were given at that level.
_@NAME@_walk() {
    local i="$1" word node= count=0 skip=0
    while [ "$i" -lt "$2" ]; do
        word="${_@NAME@_words[$i]}"
        if [ "$skip" = 1 ]; then skip=0
        elif [ "${word#-}" != "$word" ]; then
            _@NAME@_values "$node|$word"; [ -n "$REPLY" ] && [ "${word#*=}" = "$word" ] && skip=1
        else
            _@NAME@_commands "$node"
            case " $REPLY " in
                *" $word "*) node="${node:+$node }$word"; count=0 ;;
                *) count=$((count + 1)) ;;
            esac
        fi
        i=$((i + 1))
    done
    _@NAME@_node="$node"; _@NAME@_count="$count"
}

# What completes the word being typed: "choices WORD...", "file", "any", or words.
_@NAME@_offer() {
    local cur="$1" prev="$2"
    _@NAME@_values "$_@NAME@_node|$prev"
    [ -n "$REPLY" ] && return
    if [ "${cur#-}" != "$cur" ]; then _@NAME@_options "$_@NAME@_node"; REPLY="choices $REPLY"; return; fi
    _@NAME@_commands "$_@NAME@_node"
    if [ -n "$REPLY" ]; then REPLY="choices $REPLY"; return; fi
    _@NAME@_positionals "$_@NAME@_node|$_@NAME@_count"
    [ -z "$REPLY" ] && _@NAME@_positionals "$_@NAME@_node|*"
}
"""


def _bash(root: Node, name: str) -> str:
    fn = name.replace("-", "_")
    body = _WALK.replace("@NAME@", fn) + f"""
_{fn}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    _{fn}_words=("${{COMP_WORDS[@]}}")
    _{fn}_walk 1 "$COMP_CWORD"
    _{fn}_offer "$cur" "$prev"
    COMPREPLY=()
    case "$REPLY" in
        "choices "*) COMPREPLY=($(compgen -W "${{REPLY#choices }}" -- "$cur")) ;;
        file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}}
complete -F _{fn} {name}
"""
    return f"# bash completion for {name}: source it, or put it in ~/.local/share/bash-completion/completions/{name}\n" \
        + _tables(root, fn) + "\n" + body


def _zsh(root: Node, name: str) -> str:
    fn = name.replace("-", "_")
    body = _WALK.replace("@NAME@", fn) + f"""
_{fn}() {{
    local REPLY
    _{fn}_words=("${{words[@]}}")
    _{fn}_walk 2 "$CURRENT"
    _{fn}_offer "${{words[CURRENT]}}" "${{words[CURRENT-1]}}"
    case "$REPLY" in
        "choices "*) compadd -- ${{=REPLY#choices }} ;;
        file) _files ;;
    esac
}}
"""
    # zsh counts words from 1 and holds the command in words[1]: the walk starts at 2.
    return (f"#compdef {name}\n# zsh completion for {name}: save as _{name} in a folder on $fpath\n"
            + _tables(root, fn) + "\n" + body
            + f'\nif [ "$funcstack[1]" = "_{name}" ]; then _{fn} "$@"; else compdef _{fn} {name}; fi\n')


def _fish(root: Node, name: str) -> str:
    lines = [f"# fish completion for {name}: save as ~/.config/fish/completions/{name}.fish",
             f"complete -c {name} -f"]
    for node in root.walk():
        path = list(node.path)
        if path:
            condition = " and ".join(f"__fish_seen_subcommand_from {word}" for word in path)
        else:
            condition = "__fish_use_subcommand"
        if node.commands:
            siblings = _words(node.commands)
            guard = f"{condition} and not __fish_seen_subcommand_from {siblings}" if path else condition
            for command, text in node.commands.items():
                lines.append(f"complete -c {name} -n {_quote(guard)} -a {command} -d {_quote(text)}")
        if not path:
            condition = "true"
        for option, (value, text) in node.options.items():
            flag = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
            extra = ""
            if isinstance(value, tuple):
                extra = f" -x -a {_quote(_words(value))}"
            elif value == "file":
                extra = " -r -F"
            elif value == "any":
                extra = " -x"
            lines.append(f"complete -c {name} -n {_quote(condition)} {flag}{extra} -d {_quote(text)}")
        for value in node.positionals:
            if isinstance(value, tuple):
                lines.append(f"complete -c {name} -n {_quote(condition)} -a {_quote(_words(value))}")
            elif value == "file" and path:
                lines.append(f"complete -c {name} -n {_quote(condition)} -F")
    return "\n".join(lines) + "\n"
