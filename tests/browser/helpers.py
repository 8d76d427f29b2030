"""Steps shared by the browser journeys."""

from django.utils import translation

PASSWORD = "correct horse battery"


def t(lang: str, text: str) -> str:
    """The catalogue's translation of ``text``: journeys find buttons by the words a user reads."""
    with translation.override(lang):
        return translation.gettext(text)


def log_in(page, login: str, *, lang: str = "kk", wait_for_cabinet: bool = True) -> None:
    page.goto("/account/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    if wait_for_cabinet:
        page.wait_for_url("**/cabinet/")
    else:
        page.wait_for_load_state()
    if lang != "kk":
        page.locator(f".lang-switch button[value={lang}]").click()
        page.wait_for_function(f"document.documentElement.lang === '{lang}'")


def new_page(browser, live_server):
    """A fresh phone-sized browser context (its own cookies) and a page in it."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def open_menu(page) -> None:
    """On a phone the main menu is folded under "Menu": unfold it (on a wide screen it is open already)."""
    toggle = page.locator("#menu-toggle")
    if toggle.is_visible() and page.locator("#site-menu").get_attribute("open") is None:
        toggle.click()


# Content-Security-Policy violations seen by any page of any context (conftest wraps ``browser.new_context``):
# the autouse fixture ``_no_csp_violation`` fails every journey that leaves one here.
CSP_VIOLATIONS: list[str] = []

_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  if (window.__odaqCspViolation) {
    const where = `${e.sourceFile}:${e.lineNumber}`;
    window.__odaqCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`)
      .then(() => { window.__odaqCspReported = (window.__odaqCspReported || 0) + 1; });
  }
}, true);
"""


def watch_csp(context) -> None:
    """Record every CSP violation of this context: the page event and Chromium's console report."""
    context.expose_binding("__odaqCspViolation",
                           lambda source, text: CSP_VIOLATIONS.append(f"{source['page'].url}: {text}"))
    context.add_init_script(_CSP_LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"console: {message.text}")

    context.on("console", on_console)
