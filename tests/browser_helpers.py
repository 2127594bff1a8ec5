"""The browser tests' tools: Debian's Chromium driven by Playwright, and what a screenshot shows.

Playwright drives the system browser (`/usr/bin/chromium`, installed by `make test`'s
`system-deps`); no browser is downloaded. A screenshot is checked for what a reader would see,
not for its file size: the page is drawn on a light background, the element that carries the
page's words is inked, and the text is drawn with a CJK font (the font Chromium really used,
asked through the DevTools protocol, not the CSS wish list).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from paths import TESTS
from PIL import Image, ImageStat
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
#: Screenshots land here (ignored by git), for a person or a CI job to look at.
ARTIFACTS = TESTS / "artifacts"
#: The font the pages ask for first; Debian's fonts-noto-cjk provides it.
CJK_FONT = "Noto Sans CJK SC"
#: Grey levels: darker than INK is text; the page's background is at least PAPER.
INK, PAPER = 128, 235


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium (the system's) for a test module."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield browser
        finally:
            browser.close()


def rendered_fonts(page: Page, selector: str) -> set[str]:
    """The font families Chromium drew the text of the first `selector` with."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        cdp.send("CSS.enable")
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {f["familyName"] for f in fonts if f["glyphCount"]}


def ink_share(image: Image.Image, box: tuple[float, float, float, float] | None = None) -> float:
    """The share of pixels darker than INK (in `box`: x, y, width, height in CSS pixels × scale)."""
    grey = image.convert("L")
    if box is not None:
        x, y, w, h = box
        grey = grey.crop((int(x), int(y), int(x + w), int(y + h)))
    histogram = grey.histogram()
    return sum(histogram[:INK]) / max(1, sum(histogram))


def check_screenshot(page: Page, name: str, words: str) -> Path:
    """Save a screenshot of the viewport as `ARTIFACTS/<name>.png` and check what it shows.

    `words` is a selector of an element holding the page's Chinese text (a heading): it must be
    inked in the picture where the page lays it out, drawn with the CJK font, and the page as a
    whole must be a light page with text on it (not blank, not one colour)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    image = Image.open(io.BytesIO(page.screenshot(path=path)))
    scale = page.evaluate("window.devicePixelRatio")
    size = page.viewport_size
    assert size is not None
    assert image.size == (round(size["width"] * scale), round(size["height"] * scale))
    grey = image.convert("L")
    assert ImageStat.Stat(grey).stddev[0] > 10, f"{name}: a blank or one-colour page"
    assert ImageStat.Stat(grey).median[0] >= PAPER, f"{name}: not a light page"
    assert 0.005 < ink_share(image) < 0.5, f"{name}: no text, or all ink"
    box = page.locator(words).first.bounding_box()
    assert box is not None, f"{name}: {words} is not laid out"
    scaled = (box["x"] * scale, box["y"] * scale, box["width"] * scale, box["height"] * scale)
    assert 0.02 < ink_share(image, scaled) < 0.7, f"{name}: {words} is not drawn"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans", f"{name}: not marked zh-Hans"
    stack = page.locator(words).first.evaluate("e => getComputedStyle(e).fontFamily")
    assert stack.startswith(f'"{CJK_FONT}"'), f"{name}: {words} asks for {stack}"
    assert rendered_fonts(page, words) == {CJK_FONT}, f"{name}: {words} not drawn in {CJK_FONT}"
    return path


def layout_width(page: Page) -> tuple[int, int]:
    """(the page's scroll width, the window's inner width) in CSS pixels: equal when nothing
    scrolls sideways. The window's width is the device's only if the page asks for it (a
    viewport meta tag); without one a phone lays the page out 980 px wide and shrinks it."""
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))
