"""Debian's Chromium, headless, through Selenium and chromium-driver: for the dashboard's browser
tests (browser-driver.py) and its load benchmark (bench/dashboard-load)."""
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def start_chromium():
    """A headless Chromium that records every request it makes (the `performance` log), accepts
    the cluster CA's certificates without knowing the CA, and makes no requests of its own."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--ignore-certificate-errors",
                     "--window-size=1400,1000", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps", "--disable-extensions"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver
