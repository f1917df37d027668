#!/usr/bin/env python3
"""A headless Chromium, driven by the Swift tests over a small JSON API on loopback.

Started as `browser-driver.py PORT`; prints `ready` once Chromium runs. Each POST /COMMAND
takes a JSON object and answers {"ok": true, ...} or {"ok": false, "error": "..."}:

  open {url}                          load a page
  wait {css, text, timeout}           wait until an element matching css contains text; returns its text
  text {css}                          the text of the first element matching css ("" if none)
  count {css}                         how many elements match css
  click {css}                         click the first element matching css
  type {css, text}                    type into an input (clears it first)
  screenshot {path}                   save a PNG of the window
  requests {}                         every URL the browser asked for since the last call
  eval {script}                       run script in the page; returns its value
  quit {}                             close the browser and stop
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from headless import start_chromium

driver = start_chromium()
lock = threading.Lock()


def element_text(css):
    # The dashboard redraws its views every few seconds: an element found may be gone when read.
    for _ in range(5):
        try:
            found = driver.find_elements(By.CSS_SELECTOR, css)
            return found[0].text if found else None
        except StaleElementReferenceException:
            continue
    return None


def requested_urls():
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def run(command, body):
    if command == "open":
        driver.get(body["url"])
        return {}
    if command == "wait":
        deadline = time.time() + body.get("timeout", 10)
        last = None
        while time.time() < deadline:
            last = element_text(body["css"])
            if last is not None and body.get("text", "") in last:
                return {"text": last}
            time.sleep(0.1)
        page = driver.find_element(By.TAG_NAME, "body").text[:3000]
        raise RuntimeError(f"no {body['css']} containing {body.get('text', '')!r} within {body.get('timeout', 10)} s; "
                           f"last text {last!r}; page: {page}")
    if command == "text":
        return {"text": element_text(body["css"]) or ""}
    if command == "count":
        return {"count": len(driver.find_elements(By.CSS_SELECTOR, body["css"]))}
    if command == "click":
        driver.find_element(By.CSS_SELECTOR, body["css"]).click()
        return {}
    if command == "type":
        field = driver.find_element(By.CSS_SELECTOR, body["css"])
        field.clear()
        field.send_keys(body["text"])
        if body.get("enter"):
            field.send_keys(Keys.ENTER)
        return {}
    if command == "screenshot":
        driver.save_screenshot(body["path"])
        return {}
    if command == "requests":
        return {"urls": requested_urls()}
    if command == "eval":
        return {"value": driver.execute_script(body["script"])}
    if command == "quit":
        threading.Thread(target=server.shutdown).start()
        return {}
    raise RuntimeError(f"unknown command {command}")


def run_again_if_redrawn(command, body):
    """Runs a command, again when the element it used was redrawn under it (clicks and typing start over)."""
    for _ in range(3):
        try:
            return run(command, body)
        except StaleElementReferenceException:
            time.sleep(0.1)
    return run(command, body)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        try:
            with lock:
                answer = {"ok": True, **run_again_if_redrawn(self.path.strip("/"), body)}
        except Exception as error:  # the test shows it
            answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *arguments):
        pass


def follow_parent():
    """Ends the browser with the test runner that started this driver, whatever ends it."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    server.shutdown()


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
threading.Thread(target=follow_parent, daemon=True).start()
print("ready", flush=True)
try:
    server.serve_forever()
finally:
    driver.quit()
