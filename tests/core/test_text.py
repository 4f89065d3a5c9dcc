"""Highlighting and excerpts: whole words and their stems, never inside a word or an entity."""

from core.analysis import index_text, stem
from core.text import excerpt, html_text, mark


def test_stems_join_the_forms_of_a_word_as_postgresql_english_does():
    assert {stem(w) for w in ("deploy", "deployment", "deployed", "deploying", "Deployments")} == {"deploy"}
    assert stem("migration") == stem("migrations")
    # Stop words are not indexed at all.
    assert index_text("What's the rollback process?") == "rollback process"


def test_marks_whole_words_and_their_stems_not_letters_nor_stop_words():
    text = "Questions on the rollback process, the worst case and deployments"
    html = mark(text, ["what's", "the", "rollback", "process", "OR", "a", "deploy"])
    assert html == (
        "Questions on the <mark>rollback</mark> <mark>process</mark>, the worst case and <mark>deployments</mark>"
    )


def test_a_mark_never_splits_an_html_entity():
    text = 'Compare a < b, c > d, "said" & so on: lt, gt, amp and quot are words too.'
    for word in ("lt", "gt", "amp", "quot"):
        html = mark(text, [word])
        assert "&<mark>" not in html
        assert html.count("<mark>") == 1 and f"<mark>{word}</mark>" in html
    assert "&lt; b" in mark(text, ["lt"]) and "&quot;said&quot;" in mark(text, ["quot"])


def test_html_text_keeps_a_space_between_blocks():
    assert html_text("<ul><li>Steps:<ol><li>Replicate the bug</li><li>Fix it</li></ol></li></ul><p>a&amp;b</p>") == (
        "Steps: Replicate the bug Fix it a&b"
    )


def test_an_excerpt_is_the_window_with_most_of_the_query_words():
    text = (
        "Intro words here. " * 20
        + "Squash the migrations before merging, then the schema is condensed. "
        + "More. " * 40
    )
    html = excerpt(text, ["migrations", "condensed"], length=120)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>migrations</mark>" in html and "<mark>condensed</mark>" in html
    # A short text is shown whole.
    assert excerpt("A short summary about migration files.", ["migration"]) == (
        "A short summary about <mark>migration</mark> files."
    )
