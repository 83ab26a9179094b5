"""The browser engines other than Chromium, behind one small driver: Debian's firefox-esr over
WebDriver BiDi (puppeteer-core, through firefox_bridge.mjs) and Debian's WebKitGTK (its MiniBrowser
through WebKitWebDriver and Selenium, on a private Xvfb display). Playwright for Python drives only
browsers it downloads itself, which a closed network cannot.

The tests speak to both through the same few calls, so each scenario is written once: open a URL,
evaluate an expression (a promise is awaited), press a key, click an element, reload."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


def missing(engine: str) -> str | None:
    """Why this engine cannot run here (naming what to install), or None."""
    if engine == "firefox":
        if not Path(FIREFOX).exists():
            return "Firefox is not installed: apt-get install firefox-esr (scripts/test does, as root)"
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "the npm package puppeteer-core is missing: npm ci (scripts/setup.sh)"
        return None
    if not Path(WEBKIT_DRIVER).exists() or not Path(MINIBROWSER).exists():
        return "WebKitGTK is not installed: apt-get install webkit2gtk-driver (scripts/test does, as root)"
    if not shutil.which("Xvfb"):
        return "Xvfb is not installed: apt-get install xvfb (scripts/test does, as root)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the Python package selenium is missing: pip install -r requirements.txt"
    return None


class Firefox:
    reads_console = True

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(Path(__file__).with_name("firefox_bridge.mjs"))],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "FIREFOX": FIREFOX},
        )
        self._read()  # "ready" once Firefox has started

    def _read(self):
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the Firefox bridge stopped (exit status {self.process.wait()})")
        reply = json.loads(line)
        if "error" in reply:
            raise AssertionError(reply["error"])
        return reply["ok"]

    def _send(self, op: str, **fields):
        self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.process.stdin.flush()
        return self._read()

    def goto(self, url: str) -> None:
        self._send("goto", url=url)

    def reload(self) -> None:
        self._send("reload")

    @property
    def url(self) -> str:
        return self._send("url")

    def evaluate(self, expression: str):
        return self._send("evaluate", expression=expression)

    def press(self, key: str) -> None:
        self._send("press", key=" " if key == "Space" else key)

    def click(self, selector: str) -> None:
        self._send("click", selector=selector)

    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions since the last call."""
        return self._send("errors")

    def close(self) -> None:
        try:
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


class WebKit:
    reads_console = False  # WebKitWebDriver speaks no BiDi
    KEYS = {
        "Tab": "\ue004",
        "Enter": "\ue007",
        "Space": " ",
        "ArrowDown": "\ue015",
        "ArrowRight": "\ue014",
        "ArrowUp": "\ue013",
    }

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        # MiniBrowser's --headless hangs here: it runs on a display of its own instead.
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        display = ":" + self.xvfb.stdout.readline().strip()
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.kill()
            raise
        self.driver.set_script_timeout(120)
        self.driver.set_window_size(1400, 900)  # desktop-wide: the navigation sidebar shows

    # WebKitWebDriver can return from a navigation before the new document has replaced the old one
    # (CI saw it when the old page had the same URL and the service worker answered the new one): a
    # script run then runs in the old page and is cut off as it unloads. The old page is marked
    # before leaving, and a navigation ends once a page without the mark has loaded.
    LEAVING = "__handbookLeaving"

    def _mark_the_page_left(self) -> None:
        from selenium.common.exceptions import WebDriverException

        try:
            self.driver.execute_script(f"window.{self.LEAVING} = true;")
        except WebDriverException:
            pass  # no page yet, or one already going

    def _new_page_loaded(self) -> bool:
        from selenium.common.exceptions import WebDriverException

        try:
            return self.driver.execute_script(f"return !window.{self.LEAVING} && document.readyState === 'complete';")
        except WebDriverException:
            return False  # between two pages

    def goto(self, url: str) -> None:
        self._mark_the_page_left()
        self.driver.get(url)
        poll(self._new_page_loaded, 60, f"{url} to replace the page before it")

    def reload(self) -> None:
        self._mark_the_page_left()
        self.driver.refresh()
        poll(self._new_page_loaded, 60, "the reloaded page")

    @property
    def url(self) -> str:
        return self.driver.current_url

    def evaluate(self, expression: str):
        return self.driver.execute_script(f"return ({expression});")

    def press(self, key: str) -> None:
        from selenium.webdriver import ActionChains

        ActionChains(self.driver).send_keys(self.KEYS.get(key, key)).perform()

    def click(self, selector: str) -> None:
        """The element's own click(): WebKitWebDriver's pointer refuses elements a reader can
        click (a link of the navigation sidebar, a styled radio) as "not interactable"."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def errors(self) -> list[str]:
        """WebKitWebDriver speaks no BiDi, so it cannot report the console: the CSP report and
        the checkers' own error state stand in for it."""
        return []

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.kill()
            self.xvfb.wait()


ENGINES = {"firefox": Firefox, "webkit": WebKit}


def launch(engine: str):
    reason = missing(engine)
    if reason:
        pytest.skip(reason)
    return ENGINES[engine]()


def poll(read, timeout: float, what: str):
    """Call read() until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def wait_for(browser, expression: str, timeout: float = 90.0):
    """Poll an expression in the page until it is truthy; return its value. Generous: Pyodide's
    first answer takes 8-11 s in WebKitGTK on this machine."""
    return poll(lambda: browser.evaluate(expression), timeout, expression)
