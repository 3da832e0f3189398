"""The app in a real browser: Debian's Chromium, headless, against the app served on loopback."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import browser
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(real_store):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "ui", "--store", str(real_store.path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ, CONVOSCOPE_ALLOW_MODELS="1"),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.skipif(not browser.available() and not os.environ.get("CI"), reason="Debian chromium not installed")
def test_ask_a_question_and_open_a_citation(served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    b = browser.Browser()
    try:
        b.driver.get(served)
        b.wait_for_text("Ask your customer conversations")
        box = b.wait_for_element(By.CSS_SELECTOR, "textarea")
        box.send_keys("why did cancellations rise last month?")
        box.send_keys(Keys.ENTER)
        b.wait_for_text("[1]", timeout=120)
        b.wait_for_text("Drivers week by week")
        b.wait_for_element(By.CSS_SELECTOR, ".vega-embed")  # the driver chart drew
        body = b.driver.find_element(By.TAG_NAME, "body").text
        assert "rose from" in body and "What grew most" in body
        b.screenshot(ARTIFACTS / "ask.png")
        evidence = [s for s in b.driver.find_elements(By.CSS_SELECTOR, "details summary") if "[1] “" in s.text]
        evidence[0].click()
        b.wait_for_element(By.CSS_SELECTOR, "details[open] label").click()  # the "Full transcript" toggle
        b.wait_for_text("Agent:", timeout=60)
        b.screenshot(ARTIFACTS / "citation.png")

        b.driver.get(f"{served}/overview")
        b.wait_for_text("Alerts", timeout=120)
        b.wait_for_text("Topics over time", timeout=120)  # the store's own topics, counted and charted
        b.wait_for_text("Aug 2026")  # the sample's planted spike, among the alerts
        b.wait_for_element(By.CSS_SELECTOR, ".vega-embed")
        b.screenshot(ARTIFACTS / "overview.png")

        b.driver.get(f"{served}/agents")
        b.wait_for_text("AI agents do worse", timeout=120)
        b.wait_for_text("resolution from")  # the outcome field the comparison used, named
        b.screenshot(ARTIFACTS / "agents.png")

        b.driver.get(f"{served}/conversations")
        b.wait_for_text("newest first", timeout=120)
        b.screenshot(ARTIFACTS / "conversations.png")
    except Exception:
        b.screenshot(ARTIFACTS / "failure.png")
        raise
    finally:
        b.close()
