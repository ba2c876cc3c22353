"""How long a report page is: its height at 1,400 and 390 px and its words, in headless Chromium (docs/SCANNING.md).

Usage: python benchmarks/page_size.py REPORT.html [MORE.html ...]   (Chromium from EDAKIT_CHROMIUM or the PATH)

"words shown" is the text with every fold closed (innerText); "words in the page" is all the text, folded or not,
without CSS, script and SVG.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

WIDTHS = (1400, 390)
ALL_WORDS = """() => { const c = document.body.cloneNode(true);
  c.querySelectorAll('style, script, svg').forEach(e => e.remove());
  return c.textContent.split(/\\s+/).filter(Boolean).length; }"""


def measure(paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("EDAKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for path in paths:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(Path(path).resolve().as_uri())
                height = page.evaluate("document.documentElement.scrollHeight")
                shown = page.evaluate("document.body.innerText.split(/\\s+/).filter(Boolean).length")
                print(
                    f"{path}  {width} px: height {height:,} px, words shown {shown:,}, "
                    f"words in the page {page.evaluate(ALL_WORDS):,}"
                )
                page.close()
        browser.close()


if __name__ == "__main__":
    measure(sys.argv[1:])
