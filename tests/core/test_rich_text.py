"""Rich text as visitors get it: code blocks (also inside a list item) can be scrolled from the keyboard."""

from wagtail.rich_text import RichText


def test_a_code_block_in_rich_text_takes_focus_and_is_named_by_its_language():
    stored = (
        '<ul><li>Config:<div class="rich-code"><pre class="language-yaml" data-block-key="k1">cache:\n  ttl: 300</pre>'
        '<pre data-block-key="k2">no language</pre></div></li></ul>'
    )
    html = str(RichText(stored))
    assert '<pre class="language-yaml" data-block-key="k1" tabindex="0" role="region" aria-label="Code: YAML">' in html
    assert '<pre data-block-key="k2" tabindex="0" role="region" aria-label="Code">' in html
    assert "cache:\n  ttl: 300</pre>" in html  # the code itself untouched


def test_rich_text_without_code_is_rendered_as_wagtail_renders_it():
    assert str(RichText("<p>Plain <code>inline</code> words.</p>")) == "<p>Plain <code>inline</code> words.</p>"
