"""GraphiQL in a real browser: the page loads its own copy of GraphiQL (no CDN, no internet), opens on
the default query with the example tabs, and running the query shows data from the seeds.

Needs Debian's chromium and chromium-driver (`apt-get install -y chromium chromium-driver`); Selenium is
pointed at both explicitly so Selenium Manager never downloads a browser or a driver.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from api.app import create_app
from api.graphiql import EXAMPLE_QUERIES, SUBSCRIPTION_EXAMPLES
from api.settings import Settings
from tests.helpers import SEEDS, ingest_inline

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = Path("/tmp/newsgraph-graphiql.png")
WAIT_S = 30

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is not installed (apt-get install chromium chromium-driver)",
)


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a thread of this process."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_config=None, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT_S)
        sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path / 'chromium'}",  # fresh profile: no tabs GraphiQL stored before
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _editor(driver: WebDriver, pane: str) -> str:
    # GraphiQL 3's editors are CodeMirror 5 instances; their text is not all in the DOM
    value: Any = driver.execute_script(
        f"const e = document.querySelector('{pane} .CodeMirror'); return e ? e.CodeMirror.getValue() : null;"
    )
    return value or ""


@pytest.mark.db
async def test_graphiql_opens_on_the_default_query_and_runs_it_on_the_seeds(
    ctx: dict[str, Any], server: str, browser: WebDriver
) -> None:
    await ingest_inline(ctx, SEEDS)
    browser.get(f"{server}/graphql")
    wait = WebDriverWait(browser, WAIT_S)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".graphiql-execute-button"))

    assert "query LatestArticles" in _editor(browser, ".graphiql-query-editor")
    tabs = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".graphiql-tab")]
    assert tabs[0] == "LatestArticles"
    assert len(tabs) == 1 + len(EXAMPLE_QUERIES) + len(SUBSCRIPTION_EXAMPLES)
    assert "PersonRoles" in tabs
    assert "FollowRun" in tabs

    browser.find_element(By.CSS_SELECTOR, ".graphiql-query-editor .CodeMirror textarea").send_keys(
        Keys.CONTROL, Keys.ENTER
    )
    wait.until(lambda d: '"totalCount"' in _editor(d, ".graphiql-response"))
    response = _editor(browser, ".graphiql-response")
    browser.save_screenshot(str(SCREENSHOT))
    assert '"totalCount": 15' in response
    # articles come newest first (ties by id, the last stored first)
    assert "Domestic Violence in Kazakhstan: What Has and Hasn’t Changed for Victims" in response
    assert '"errors"' not in response
    # everything the page needed came from this server: nothing was fetched from a CDN
    resources: list[str] = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert resources
    assert all(url.startswith(server) or url.startswith("data:") for url in resources), resources


@pytest.mark.db
async def test_graphiql_runs_a_subscription_over_its_websocket(
    ctx: dict[str, Any], server: str, browser: WebDriver
) -> None:
    summary = await ingest_inline(ctx, SEEDS)
    query, _ = SUBSCRIPTION_EXAMPLES[0]
    shared = urllib.parse.urlencode({"query": query, "variables": json.dumps({"id": str(summary.id)})})
    browser.get(f"{server}/graphql?{shared}")
    wait = WebDriverWait(browser, WAIT_S)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".graphiql-execute-button"))
    browser.find_element(By.CSS_SELECTOR, ".graphiql-query-editor .CodeMirror textarea").send_keys(
        Keys.CONTROL, Keys.ENTER
    )
    # the run has ended: the subscription pushes its final counters once, over the websocket
    wait.until(lambda d: '"status"' in _editor(d, ".graphiql-response"))
    response = _editor(browser, ".graphiql-response")
    assert '"status": "succeeded"' in response
    assert '"documentsDone": 2' in response
    assert '"errors": []' in response
    sockets: list[str] = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert all(url.startswith(server) or url.startswith("data:") for url in sockets), sockets
