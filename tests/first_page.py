"""How soon the app is usable: from its server accepting connections to the Ask page's chat
box in Debian's Chromium (launched beforehand), then a second visit and the Overview.

    .venv/bin/python tests/first_page.py STORE    # e.g. the store `make demo` builds
"""
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser
from selenium.webdriver.common.by import By

store = sys.argv[1]
port = 8765
b = browser.Browser()  # launched before the server: its own start-up is not the app's
b.driver.get("about:blank")
proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "ui", "--store", store, "--port", str(port)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    ready = time.monotonic()
    b.driver.get(f"http://127.0.0.1:{port}")
    b.wait_for_element(By.CSS_SELECTOR, "textarea")
    usable = time.monotonic() - ready
    b.driver.get(f"http://127.0.0.1:{port}")  # a second visitor: store already loaded
    t = time.monotonic()
    b.wait_for_element(By.CSS_SELECTOR, "textarea")
    second = time.monotonic() - t
    b.driver.get(f"http://127.0.0.1:{port}/overview")
    t = time.monotonic()
    b.wait_for_text("Conversations per week", timeout=120)
    overview = time.monotonic() - t
    print(f"first page usable {usable:.2f} s after the server was ready; second visit {second:.2f} s; "
          f"overview {overview:.2f} s")
    b.close()
finally:
    proc.terminate()
    proc.wait(timeout=20)
