"""``runlog report --pdf``: the HTML page printed to PDF by a Chromium-family
browser already on the machine (issue 22).

The browser runs headless, in a throwaway profile inside a private (0700)
temporary folder, with every road to the network closed: all traffic sent
to a proxy on a port nothing listens on (loopback too), every host name
resolved to nothing, and the browser's own background traffic (updates,
sync, safe browsing, metrics) switched off. The page itself fetches
nothing (its Content-Security-Policy forbids it). The PDF is then written
0600 in one step by the project's atomic writer; the temporary folder is
removed on success, on failure and on SIGTERM, and the browser's whole
process group is ended with it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from runlog.errors import UserError

#: Looked for on PATH in this order; ``RUNLOG_BROWSER`` names another.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge",
            "microsoft-edge-stable")
#: A browser that has not printed by then is stopped.
TIMEOUT_S = 120
#: Nothing leaves the machine: every request goes to a proxy on the discard
#: port of loopback (closed), loopback included, and no name resolves.
NO_NETWORK = (
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--no-pings",
    "--dns-prefetch-disable",
)
#: A longer private folder would make Chromium's lock socket path too long for the system.
MAX_FOLDER_CHARS = 56
NO_BROWSER = (
    "no Chromium-family browser found to print the PDF (looked for chromium, google-chrome and "
    "microsoft-edge; RUNLOG_BROWSER names another): write the page with --html -o FILE and print it "
    "to PDF from your browser instead"
)


def find_browser(environ: Mapping[str, str] | None = None) -> str | None:
    """The browser to print with: ``RUNLOG_BROWSER`` when set, else the first of ``BROWSERS`` on PATH."""
    environ = os.environ if environ is None else environ
    path = environ.get("PATH", os.defpath)
    named = environ.get("RUNLOG_BROWSER", "").strip()
    if named:
        return shutil.which(named, path=path)
    for name in BROWSERS:
        found = shutil.which(name, path=path)
        if found:
            return found
    return None


def browser_command(browser: str, page: Path, pdf: Path, profile: Path, as_root: bool = False) -> list[str]:
    """The browser's whole command line: headless, offline, printing ``page`` to ``pdf``."""
    command = [
        browser, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", f"--user-data-dir={profile}", *NO_NETWORK,
        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
    ]  # fmt: skip
    if as_root:
        # Chromium will not start its sandbox as root (containers); the page is runlog's own, script-free.
        command.insert(1, "--no-sandbox")
    return command


def print_pdf(html: str, output: Path, environ: Mapping[str, str] | None = None) -> None:
    """Print ``html`` to ``output`` (0600, replaced in one step); ``UserError`` in one sentence on failure."""
    from runlog.formats.atomic import Interrupted

    browser = find_browser(environ)
    if browser is None:
        raise UserError(NO_BROWSER)
    folder = Path(tempfile.mkdtemp(prefix="runlog-pdf-"))
    if len(str(folder)) > MAX_FOLDER_CHARS and Path("/tmp").is_dir():
        # Chromium's lock socket lives in this folder and a socket path is at most 107 bytes.
        folder.rmdir()
        folder = Path(tempfile.mkdtemp(prefix="runlog-pdf-", dir="/tmp"))
    # Only the main thread sets handlers; a worker's (the terminal app's) leaves the app's own.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main else None

    def interrupt(signum, _frame):
        raise Interrupted(signum)

    if previous is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, interrupt)
    try:
        page, pdf = folder / "report.html", folder / "report.pdf"
        descriptor = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="utf-8") as stream:
            stream.write(html)
        _run(browser_command(browser, page, pdf, folder / "profile", os.geteuid() == 0), folder)
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF-"):
            raise UserError(f"{Path(browser).name} did not print a PDF; write the page with --html -o FILE "
                            "and print it from your browser instead")
        _write(output, data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, previous)


def _run(command: list[str], folder: Path) -> None:
    env = {key: value for key, value in os.environ.items() if "PROXY" not in key.upper()}
    env.update(HOME=str(folder), TMPDIR=str(folder))
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        process.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise UserError(f"{Path(command[0]).name} did not print the PDF within {TIMEOUT_S} seconds") from None
    finally:
        # Also after a clean exit: helpers the browser left behind go with it.
        _end_group(process)


def _end_group(process: subprocess.Popen) -> None:
    """End the browser and every helper process it started."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _write(output: Path, data: bytes) -> None:
    from runlog.formats.atomic import write_file

    def write(stream) -> int:
        stream.flush()
        return stream.buffer.write(data)

    write_file(output, write)
