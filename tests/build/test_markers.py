"""The markers are one table (site_build/markers.py): every marker in the pages is in it, one that
is not fails the build naming the page and the marker, and the finishing step over the built site
(site_build/finish/__init__.py) can run twice without changing anything."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import markdown
import pytest

from site_build import finish, markers
from tests.build.variant import build_variant, copy_docs

ROOT = Path(__file__).resolve().parents[2]


def convert(text: str, page: str | None = "example.md") -> str:
    token = markers.current_page.set(page)
    try:
        return markdown.Markdown(extensions=[markers.MarkerExtension(), "attr_list", "md_in_html"]).convert(text)
    finally:
        markers.current_page.reset(token)


def test_every_marker_in_the_pages_is_a_kind_of_the_table():
    found = {
        (kind, arg)
        for page in (ROOT / "docs").glob("*.md")
        for kind, arg in markers.markers_in(page.read_text(encoding="utf-8"))
    }
    assert {kind for kind, _ in found} == set(markers.RENDERERS), (
        "a kind in the table is used by no page, or the reverse"
    )
    for kind, arg in found:
        assert markers.render(kind, arg).strip(), (kind, arg)


def test_a_marker_becomes_its_html_and_links_wait_for_the_finishing_step():
    html = convert("# Licence\n\n<!-- checker: licence -->\n\nAfter.\n")
    assert re.search(r'<section [^>]*class="checker" data-checker="licence"', html)
    assert f'href="{markers.SITE_ROOT}licence/#' in html  # the finishing step makes it relative
    assert "<p>After.</p>" in html


def test_a_marker_inside_text_or_with_other_spacing_is_left_alone():
    html = convert("Write `<!-- checker: licence -->` on a line of its own.\n\n<!--checker: licence-->\n")
    assert "data-checker" not in html


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("<!-- sparkle: licence -->", "unknown marker <!-- sparkle: licence -->"),
        ("<!-- checker: nope -->", "cannot render <!-- checker: nope -->"),
        ("<!-- checker -->", "cannot render <!-- checker -->"),
        ("<!-- glossary: all -->", "cannot render <!-- glossary: all -->"),
        ("<!-- training: quiz -->", "cannot render <!-- training: quiz -->"),
    ],
)
def test_a_bad_marker_names_the_page_and_the_marker(text, named):
    with pytest.raises(markers.MarkerError) as raised:
        convert(f"Intro.\n\n{text}\n")
    assert str(raised.value).startswith(f"example.md: {named}")


def test_the_strict_build_fails_naming_the_page_and_the_marker(tmp_path):
    docs = copy_docs(tmp_path)
    page = docs / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- checker: no-such-checker -->\n", encoding="utf-8")
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0
    assert "about.md: cannot render <!-- checker: no-such-checker -->" in done.stdout + done.stderr


def test_finishing_a_finished_site_changes_nothing(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    assert finish.main([str(copy), "--base", "/"]) == 0
    mismatched = [
        str(p.relative_to(copy))
        for p in copy.rglob("*")
        if p.is_file() and not filecmp.cmp(p, built_site / p.relative_to(copy), shallow=False)
    ]
    assert mismatched == []
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == sorted(
        p.relative_to(built_site) for p in built_site.rglob("*")
    )


def test_root_placeholders_become_each_page_s_relative_path():
    link = f'<a href="{markers.SITE_ROOT}licence/#grace">grace</a>'
    assert 'href="../licence/#grace"' in finish.finish_page(link, "../")
    assert 'href="./licence/#grace"' in finish.finish_page(link, "")
    # 404.html is served at any path: its links start from the site's own root.
    assert 'href="/handbook/licence/#grace"' in finish.finish_page(link, "", not_found_base="/handbook/")


def test_the_new_version_notice_is_in_every_page_once_right_after_the_skip_links():
    page = (
        '<body><input class="md-toggle"><div data-md-component="skip"><a class="md-skip" href="#x">Skip</a>'
        '</div><div data-md-component="announce"></div></body>'
    )
    finished = finish.finish_page(page, "")
    assert (
        '</a></div><div class="handbook-update" role="status" aria-live="polite"></div>'
        '<div data-md-component="announce">' in finished
    )
    assert finish.finish_page(finished, "") == finished


def test_finishing_refuses_a_folder_that_is_not_a_built_site(tmp_path, capsys):
    assert finish.main([str(tmp_path)]) == 2
    assert "not a built site" in capsys.readouterr().err
