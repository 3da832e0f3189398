"""A real Chromium (Debian's, headless) driven by Selenium, for end-to-end tests of the app."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


class Browser:
    def __init__(self, width: int = 1400, height: int = 1000) -> None:
        self.profile = tempfile.mkdtemp(prefix="convoscope-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                     "--disable-dev-shm-usage", f"--user-data-dir={self.profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)

    def wait_for_text(self, text: str, timeout: float = 90) -> None:
        """Streamlit renders over a websocket: wait for the content, not for page load."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.driver.find_element(By.TAG_NAME, "body").text:
                return
            time.sleep(0.3)
        raise TimeoutError(f"“{text}” did not appear within {timeout:.0f} s")

    def wait_for_element(self, by: str, selector: str, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.driver.find_elements(by, selector)
            if found and found[0].is_displayed():
                return found[0]
            time.sleep(0.3)
        raise TimeoutError(f"no {selector} within {timeout:.0f} s")

    def screenshot(self, path: Path) -> None:
        """The whole page from the top: Streamlit scrolls inside its own container, so the
        window is made as tall as that container's content (up to 6,000 px)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        height = self.driver.execute_script(
            "let h = document.body.scrollHeight;"
            "for (const e of document.querySelectorAll('*')) {"
            "  if (e.scrollHeight > e.clientHeight + 10 && getComputedStyle(e).overflowY !== 'visible') {"
            "    h = Math.max(h, e.scrollHeight); e.scrollTop = 0; } }"
            "return h;")
        self.driver.set_window_size(1400, max(1000, min(int(height) + 200, 6000)))
        time.sleep(1.0)  # let charts redraw at the new size
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)
