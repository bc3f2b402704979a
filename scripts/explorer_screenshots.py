"""Screenshots of the explorer's pages for docs/ and the README.

    uv run python scripts/explorer_screenshots.py [--package datapackage] [--out docs]

Starts ``aidecl serve`` on a free 127.0.0.1 port, opens each page in headless Chromium
(``scripts/explorer_browser.py``), saves ``explorer-<page>.png`` (1280 px wide, the page's
full height up to 2,000 px) and stops both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.explorer_browser import ROOT, chromium, running_server

PAGES = [
    ("home", "/"),
    ("search", "/aidecl/clause_search?_search=cybersecurite"),
    ("reader", "/-/reader/002_005aedb553b34193"),
    ("documents", "/-/documents"),
    ("overview", "/-/overview"),
    ("tables", "/aidecl"),
]
MAX_HEIGHT = 2000


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--package", default=str(ROOT / "datapackage"))
    p.add_argument("--out", default=str(ROOT / "docs"))
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with running_server(Path(args.package)) as base, chromium() as browser:
        for name, url in PAGES:
            browser.set_window_size(1280, 1000)
            browser.get(base + url)
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.set_window_size(1280, min(int(height), MAX_HEIGHT))
            path = out / f"explorer-{name}.png"
            browser.save_screenshot(str(path))
            print(path)


if __name__ == "__main__":
    main()
