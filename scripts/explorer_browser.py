"""A running ``aidecl serve`` and a headless Debian Chromium driven by Selenium.

Shared by the browser tests (``tests/test_explorer_browser.py``) and the screenshot script
(``scripts/explorer_screenshots.py``). Nothing is downloaded: the browser is the system's
``/usr/bin/chromium`` with ``/usr/bin/chromedriver`` (``apt-get install chromium
chromium-driver``; ``.ci/run`` does it), run with a fresh profile and every background
network feature off.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from aidecl_data.workers import stop_process

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(package: Path, timeout: float = 120) -> Iterator[str]:
    """``aidecl serve --package package`` on a free 127.0.0.1 port; yields its base URL."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    command = [sys.executable, "-m", "pipelines.cli", "serve", "--package", str(package)]
    proc = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"aidecl serve exited: {log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"aidecl serve did not answer on {base}") from None
                time.sleep(0.3)
        yield base
    finally:
        stop_process(proc, timeout=15)
        log.close()


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 1000) -> Iterator:
    """A headless Chromium (Selenium WebDriver) with a throwaway profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        raise RuntimeError("needs Debian's chromium and chromium-driver (.ci/run installs them)")
    with tempfile.TemporaryDirectory(prefix="aidecl-chromium-") as profile:
        opts = webdriver.ChromeOptions()
        opts.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            opts.add_argument(flag)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
        try:
            yield driver
        finally:
            driver.quit()
