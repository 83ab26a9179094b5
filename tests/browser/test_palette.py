"""The light/dark toggle (assets/theme/palette.js, which takes over Material's palette component so a
page load restyles the document once, not three times): the system's preference until the reader
chooses, the choice kept across instant navigation and full loads, Enter and arrows switch it, and the
browser's own colours (theme-color, color-scheme) follow."""

from __future__ import annotations

import pytest

STORED = "Object.keys(localStorage).filter(k => k.endsWith('.__palette'))"


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page):
    return page.locator("form.md-header__option label:not([hidden])")


@pytest.mark.parametrize(
    ("preference", "expected", "offered"),
    [
        ("light", "default", "Switch to dark mode"),
        ("dark", "slate", "Switch to light mode"),
    ],
)
def test_a_first_visit_follows_the_system_preference_without_storing_a_choice(
    watch, site_url, preference, expected, offered
):
    page = watch.page
    page.emulate_media(color_scheme=preference)
    page.goto(site_url + "licence/")
    assert scheme(page) == expected
    assert visible_toggle(page).count() == 1
    assert visible_toggle(page).get_attribute("title") == offered
    assert page.evaluate(STORED) == []
    # The system's preference changes: a page the reader never switched follows it.
    page.emulate_media(color_scheme="light" if preference == "dark" else "dark")
    watch.wait_for(f"document.body.dataset.mdColorScheme !== {expected!r}")


def test_the_choice_is_kept_across_instant_navigation_and_a_full_load(watch, site_url):
    page = watch.page
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    visible_toggle(page).click()
    assert scheme(page) == "slate"
    watch.wait_for("!document.body.hasAttribute('data-md-color-switching')")
    assert len(page.evaluate(STORED)) == 1
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Licence emergencies").first.click()
    page.wait_for_url(site_url + "licence/")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert scheme(page) == "slate"
    visible_toggle(page).click()  # the toggle still works on the page instant navigation swapped in
    assert scheme(page) == "default"
    visible_toggle(page).click()
    page.goto(site_url + "glossary/")
    assert scheme(page) == "slate"
    # A stored choice wins over the system's preference.
    page.emulate_media(color_scheme="light")
    page.reload()
    assert scheme(page) == "slate"


def test_the_toggle_switches_from_the_keyboard(watch, site_url):
    page = watch.page
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "rotation/")
    toggle_input = page.locator("form.md-header__option input:checked")
    toggle_input.focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    assert page.evaluate("document.activeElement.matches('form.md-header__option input:checked')")
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


def test_the_browser_is_told_the_header_colour_and_the_scheme(watch, site_url):
    page = watch.page
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    watch.wait_for("document.querySelector('meta[name=color-scheme]').content === 'dark'")
    header = page.evaluate("getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor")
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") == header
    assert page.locator("meta[name=theme-color]").count() == 1, "Material mounted its own palette too"
