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
