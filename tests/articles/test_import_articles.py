"""import_articles: a folder of Hugo and Jekyll posts → article pages, imported twice, checked, dry-run."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from articles.importing import parse_post
from articles.models import ArticlePage
from core.markdown.reading import SourceError
from tests import factories
from tests.conftest import parse
from topics.models import TopicPage

POSTS = Path(__file__).resolve().parent / "fixtures" / "posts"


def picture(path, colour):
    """A small PNG written for the test (the fixture folder holds text only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (40, 30), colour).save(path)


@pytest.fixture
def posts(tmp_path):
    folder = tmp_path / "posts"
    shutil.copytree(POSTS, folder)
    picture(folder / "images" / "boxes.png", "teal")
    picture(folder / "toml-notes" / "chart.png", "orange")
    return folder


@pytest.fixture
def index(home_page, admin_user):
    """The articles index, the topics the posts name, and the superuser imports act as by default."""
    factories.topic(home_page, "Testing")
    factories.topic(home_page, "Django")
    return factories.article_index(home_page)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts():
    return Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()


def media_files():
    from django.conf import settings

    return sorted(str(p) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


@pytest.mark.django_db
def test_a_folder_of_hugo_and_jekyll_posts_becomes_articles_and_a_second_run_changes_nothing(
    client, posts, index, admin_user
):
    before = counts()
    out, err = run(posts, "--publish")
    first, second, toml = (
        ArticlePage.objects.get(slug=slug) for slug in ("first-steps", "tables-and-pictures", "toml-notes")
    )
    # Jekyll: the date and slug come from the file name; Hugo: from the front matter, or the bundle's folder.
    assert (str(first.date), first.title, first.summary) == (
        "2024-05-01",
        "First steps with fixtures",
        "How a small folder of posts keeps an importer honest.",
    )
    assert (str(second.date), str(toml.date), toml.title) == ("2024-06-02", "2024-07-03", "Notes kept in TOML")
    assert [t.title for t in second.topics.all()] == ["Testing", "Django"]
    assert {p.get_parent().pk for p in (first, second, toml)} == {index.pk}
    assert {(p.owner, p.latest_revision.user) for p in (first, second, toml)} == {(admin_user, admin_user)}

    # The image without alt text keeps its page a draft, and the output says where and why.
    assert first.live and second.live and not toml.live
    assert f"{posts / 'toml-notes' / 'index.md'}:10: image 'chart.png' has no alt text" in out
    assert f"{posts / '2024-05-01-first-steps.md'}: created (published) http://localhost/articles/first-steps/\n" in out
    assert (
        f"{posts / 'toml-notes' / 'index.md'}: created (draft) http://localhost/articles/toml-notes/, edit at " in out
    )
    assert out.rstrip().endswith("3 created, 0 updated, 0 unchanged, 1 drafts needing attention, 0 errors")
    assert "Reading: 100%" in err and "3/3" in err  # the progress bar, on stderr
    assert counts()[2] == before[2] + 2  # the two pictures were uploaded…
    assert get_image_model().objects.filter(title="Three boxes joined by arrows").exists()  # …titled by alt text

    html = parse(client.get(first.url)).find("main")
    for page_end in html.select(".page-end"):  # the related pages and neighbours after the article
        page_end.decompose()
    # `# Title` repeated in the body is dropped: the page's title is its only h1.
    assert [h.name for h in html.select("h1, h2, h3")] == ["h1", "h2", "h3", "h2"]
    assert [h.get_text(" ", strip=True).removesuffix(" #") for h in html.select("h2, h3")] == [
        "Why a folder",
        "Reading it twice",
        "What a run reports",
    ]
    # `{% post_url %}` to the sibling post is a link to its page (stored as a page link, so it follows moves).
    assert html.find("a", string="tables and pictures")["href"] == "/articles/tables-and-pictures/"
    assert f'linktype="page" id="{second.pk}"' in str(first.body.raw_data)
    assert html.select_one(".reading__body ol").find_parent("li").find(string=True).strip() == "Run it again:"
    assert html.select_one("figure.code-block figcaption").get_text() == "Python"
    assert "def run_twice(folder):" in html.select_one("figure.code-block pre").get_text()
    table = html.find("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Outcome", "Meaning"]
    assert [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")] == [
        ["created", "a new page"],
        ["unchanged", "nothing to do"],
    ]

    html = parse(client.get(second.url)).select_one("main .reading__body")
    for page_end in html.select(".page-end"):  # the related pages and neighbours after the article
        page_end.decompose()
    # Hugo's `#` sections become the article's h2s, `##` its h3s.
    assert [h.name for h in html.select("h2, h3")] == ["h2", "h3"]
    image = html.select_one("figure img")
    assert image["alt"] == "Three boxes joined by arrows"
    assert html.select_one("figure figcaption").get_text(strip=True) == "How the parts connect"
    quote = html.select_one("figure.quote")
    assert "not what its file is called" in quote.blockquote.get_text()
    assert " ".join(quote.figcaption.get_text().split()) == "— A careful editor"
    assert html.find("a", string="the first steps")["href"] == "/articles/first-steps/"  # {{< ref >}}
    # In the bundle: `../2024-05-01-first-steps/` and `../tables-and-pictures.md#alt-text`.
    toml_body = str(toml.get_latest_revision_as_object().body.raw_data)
    assert f'id="{first.pk}"' in toml_body and f'id="{second.pk}"' in toml_body

    # Again, unchanged: no new page, image or revision.
    after_first = counts()
    out, _ = run(posts, "--publish")
    assert counts() == after_first
    assert out.rstrip().endswith("0 created, 0 updated, 3 unchanged, 1 drafts needing attention, 0 errors")

    # A changed post becomes a new revision of the same page, published again.
    path = posts / "tables-and-pictures.md"
    path.write_text(path.read_text() + "\nA sentence added later.\n")
    out, _ = run(posts, "--publish")
    assert counts() == (after_first[0], after_first[1] + 1, after_first[2])
    assert "1 updated, 2 unchanged" in out
    assert "A sentence added later." in client.get(second.url).content.decode()


@pytest.mark.django_db
def test_imported_articles_open_in_the_editor_and_published_ones_pass_the_publishing_checks(admin_client, posts, index):
    run(posts, "--publish")
    for page in ArticlePage.objects.all():
        assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    block = ArticlePage.body.field.stream_block
    for page in ArticlePage.objects.live():
        block.clean(page.body)  # headings in order, alt text on every image: what publishing checks
    with pytest.raises(ValidationError):  # the page kept as a draft would not pass them
        block.clean(ArticlePage.objects.get(slug="toml-notes").get_latest_revision_as_object().body)


@pytest.mark.django_db
def test_dry_run_reports_what_would_change_and_writes_nothing(posts, index):
    before, files = counts(), media_files()
    out, _ = run(posts, "--dry-run", "--publish")
    assert counts() == before and media_files() == files
    new_page = "would be created (published) http://localhost/articles/tables-and-pictures/"
    assert f"{posts / 'tables-and-pictures.md'}: {new_page}" in out
    assert "Dry run, nothing written. Would be: 3 created, 0 updated, 0 unchanged, 1 drafts needing attention" in out

    run(posts)
    (posts / "tables-and-pictures.md").write_text((posts / "tables-and-pictures.md").read_text() + "\nMore.\n")
    before = counts()
    out, _ = run(posts, "--dry-run")
    assert counts() == before
    assert "would be updated" in out and "0 created, 1 updated, 2 unchanged" in out


@pytest.mark.django_db
def test_posts_are_drafts_unless_published_and_draft_front_matter_stays_a_draft(posts, index):
    out, _ = run(posts)
    assert not ArticlePage.objects.live().exists()
    assert "3 created, 0 updated, 0 unchanged" in out and "(published)" not in out
    text = (posts / "tables-and-pictures.md").read_text().replace("draft: false", "draft: true")
    (posts / "tables-and-pictures.md").write_text(text)
    before = counts()
    out, _ = run(posts, "--publish")
    assert ArticlePage.objects.get(slug="first-steps").live
    assert not ArticlePage.objects.get(slug="tables-and-pictures").live
    # The drafts already saved are the ones published: no new revision.
    assert counts() == before and "1 updated, 2 unchanged" in out


POST = "---\ntitle: A post\ndate: 2024-01-02\n---\n\nSome words.\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("---\ntitle: [a, b]\ndate: 2024-01-02\n---\n\nWords.\n", ":2:", "'title' must be text, not a list"),
        ("---\ntitle: A post\ndate: someday\n---\n\nWords.\n", ":3:", "'date: someday' is not a date"),
        ("---\ntitle: A post\ndate: 2024-01-02\ndraft: yes please\n---\n\nWords.\n", ":4:", "'draft' must be true"),
        ("---\ntitle: A post\n---\n\nWords.\n", ":1:", "front matter has no 'date'"),
        ("+++\ntitle = 'A post'\ndate = = 2\n+++\n\nWords.\n", ":3:", "malformed front matter"),
        (POST + "\n![A chart](missing.png)\n", ":8:", "image 'missing.png' not found"),
        (POST + "\n![A chart](https://example.com/c.png)\n", ":8:", "only local images can be imported"),
        (POST + "\n![" + "long " * 60 + "](boxes.png)\n", ":8:", "longer than 250 characters"),
        (POST + "\nSee [the other post](other-post.md).\n", ":8:", "link to 'other-post.md' names no post"),
        (POST + "\n## One\n\n#### Three\n", ":10:", "heading '#### Three' skips a level after a '##' heading"),
        (POST + "\n## One\n### Two\n#### Three\n##### Four\n", ":11:", "is too deep"),
        (POST + "\n## \n", ":8:", "empty '##' heading"),
        ("---\ntitle: A post\ndate: 2024-01-02\n---\n", ":4:", "no text after the front matter"),
    ],
)
def test_bad_input_names_file_and_line_exits_non_zero_and_writes_nothing(tmp_path, index, text, where, message):
    path = tmp_path / "post.md"
    path.write_text(text)
    picture(tmp_path / "boxes.png", "teal")
    before, files = counts(), media_files()
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"{path}{where} " in str(error.value) and message in str(error.value), str(error.value)
    assert counts() == before and media_files() == files


@pytest.mark.django_db
def test_binary_files_and_an_image_that_is_not_one_are_errors_with_their_line(tmp_path, index):
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\ntitle: x\n\x00\x01\x02")
    with pytest.raises(CommandError, match=rf"^{binary}:3: binary data"):
        run(binary)
    (tmp_path / "fake.png").write_text("not a picture")
    fake = tmp_path / "fake.md"
    fake.write_text(POST + "\n![A chart](fake.png)\n")
    with pytest.raises(CommandError, match=rf"^{fake}:8: image 'fake.png' is not a readable image file"):
        run(fake)


@pytest.mark.django_db
def test_every_error_of_a_folder_is_reported_and_one_bad_post_stops_them_all(posts, index):
    (posts / "broken.md").write_text("---\ntitle: [x]\n---\n")
    (posts / "images" / "notes.md").write_text("---\ntitle: Notes\ndate: soon\n---\n\nHi.\n")
    before, files = counts(), media_files()
    err = StringIO()
    with pytest.raises(CommandError, match="2 errors: nothing was written"):
        call_command("import_articles", str(posts), stdout=StringIO(), stderr=err)
    assert f"{posts / 'broken.md'}:2: 'title' must be text" in err.getvalue()
    assert f"{posts / 'images' / 'notes.md'}:3: 'date: soon' is not a date" in err.getvalue()
    # Two posts that would have one address.
    (posts / "broken.md").unlink()
    (posts / "images" / "notes.md").write_text("---\ntitle: Notes\ndate: 2024-01-02\nslug: first-steps\n---\n\nHi.\n")
    with pytest.raises(CommandError, match=r"notes\.md:4: slug 'first-steps' is also .*2024-05-01-first-steps\.md's"):
        run(posts)
    assert counts() == before and media_files() == files


@pytest.mark.django_db
def test_unknown_tags_of_every_post_are_named_once_or_created_with_create_topics(client, posts, index):
    (posts / "more.md").write_text("---\ntitle: More\ndate: 2024-08-01\ntags: [Gardening, testing]\n---\n\nHi.\n")
    (posts / "yet-more.md").write_text(
        "---\ntitle: Yet more\ndate: 2024-08-02\ntags: [Mosses, gardening]\n---\n\nHi.\n"
    )
    before, files = counts(), media_files()
    with pytest.raises(CommandError) as error:
        run(posts)
    assert str(error.value) == (
        "unknown topics: Gardening, Mosses — add them under Topics, or re-run with --create-topics"
    )
    out, _ = run(posts, "--create-topics", "--dry-run")
    assert "would create topics: Gardening, Mosses" in out and "5 created" in out
    assert counts() == before and media_files() == files and not TopicPage.objects.filter(slug="mosses").exists()

    out, _ = run(posts, "--create-topics")
    assert "created topics: Gardening, Mosses" in out
    mosses = TopicPage.objects.get(slug="mosses")
    assert mosses.title == "Mosses" and mosses.live and client.get(mosses.url).status_code == 200
    draft = ArticlePage.objects.get(slug="yet-more").get_latest_revision_as_object()
    assert {topic.title for topic in draft.topics.all()} == {"Mosses", "Gardening"}
    out, _ = run(posts, "--create-topics")
    assert "created topics" not in out and "0 created, 0 updated, 5 unchanged" in out


def jekyll_site(tmp_path, src="/assets/diagram.png"):
    """A Jekyll site: a post in `_posts` showing a picture from the site's `assets` folder."""
    post = tmp_path / "site" / "_posts" / "2024-03-04-diagram.md"
    post.parent.mkdir(parents=True)
    post.write_text(f"---\ntitle: A diagram\n---\n\n![A diagram of the parts]({src})\n")
    return post


@pytest.mark.django_db
def test_jekyll_image_paths_from_the_site_root_are_found_above_posts_or_under_site_root(client, tmp_path, index):
    post = jekyll_site(tmp_path)
    before, files = counts(), media_files()
    with pytest.raises(CommandError) as error:
        run(post)
    assert str(error.value) == (
        f"{post}:5: image '/assets/diagram.png' not found (looked for {tmp_path / 'site' / 'assets' / 'diagram.png'}; "
        f"a path starting with '/' is looked for under the site root {tmp_path / 'site'}: is --site-root right?)"
    )
    assert counts() == before and media_files() == files

    picture(tmp_path / "site" / "assets" / "diagram.png", "navy")
    out, _ = run(post, "--publish")
    page = ArticlePage.objects.get(slug="diagram")
    image = parse(client.get(page.url)).select_one("main figure img")
    assert image["alt"] == "A diagram of the parts"

    elsewhere = tmp_path / "elsewhere" / "2024-03-05-moved.md"
    elsewhere.parent.mkdir()
    elsewhere.write_text(post.read_text().replace("A diagram", "Moved"))
    with pytest.raises(CommandError, match=r"moved\.md:5: image '/assets/diagram.png' is a path from the site's root"):
        run(elsewhere)
    run(elsewhere, "--site-root", tmp_path / "site")
    assert ArticlePage.objects.get(slug="moved").get_latest_revision_as_object().body[0].block_type == "image"


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["dot-dot", "symlink"])
def test_an_image_outside_the_sites_folder_is_refused_the_same_whether_it_exists_or_not(tmp_path, index, how):
    secret = tmp_path / "private" / "secret.png"
    picture(secret, "red")
    post = jekyll_site(tmp_path, src="PLACEHOLDER")
    target = {"dot-dot": "../../private/secret.png", "symlink": "link.png"}[how]
    missing = target.replace("secret", "missing")
    if how == "symlink":
        (post.parent / "link.png").symlink_to(secret)
        (post.parent / "missing-link.png").symlink_to(secret.with_name("missing.png"))
        missing = "missing-link.png"
    before, files = counts(), media_files()
    messages = []
    for src in (target, missing):
        post.write_text(f"---\ntitle: A diagram\n---\n\n![A diagram of the parts]({src})\n")
        with pytest.raises(CommandError) as error:
            run(post)
        messages.append(str(error.value).replace(src, "SRC"))
    # One line naming the image and the folder it must stay in, alike for a file that exists and one that does not.
    assert messages[0] == messages[1]
    assert "outside the site's folder" in messages[0] and "--site-root" in messages[0]
    assert counts() == before and media_files() == files


@pytest.mark.django_db
def test_an_absolute_image_path_is_read_under_the_site_root_never_from_the_disk(tmp_path, index):
    secret = tmp_path / "private" / "secret.png"
    picture(secret, "red")
    post = jekyll_site(tmp_path, src=str(secret))
    before, files = counts(), media_files()
    with pytest.raises(CommandError) as error:
        run(post)
    assert "looked for under the site root" in str(error.value)
    assert counts() == before and media_files() == files


@pytest.mark.django_db
def test_the_articles_index_is_found_or_named(posts, home_page, admin_user):
    factories.topic(home_page, "Testing")
    factories.topic(home_page, "Django")
    with pytest.raises(CommandError, match="no articles index"):
        run(posts)
    index = factories.article_index(home_page)
    with pytest.raises(CommandError, match="'Topics' is not an articles index"):
        run(posts, "--parent", "/topics/")
    run(posts, "--parent", index.pk)
    assert ArticlePage.objects.child_of(index).count() == 3


def test_command_line_error_is_one_line_and_exits_non_zero(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "broken.md"
    bad.write_text("+++\ntitle = 'x'\n")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(bad), "--dry-run"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert proc.stderr.strip().endswith(
        f"CommandError: {bad}:1: the front matter that starts here is never closed with '+++'"
    )


# Text that looks like posts, so examples reach deep into the reader.
POST_PIECES = st.sampled_from(
    ["---\n", "+++\n", "title: T\n", "title = 'T'\n", "date: 2024-01-02\n", "draft: maybe\n", "slug: ''\n",
     "# T\n", "## H\n", "#### Deep\n", "##\n", "- item\n", "  1. nested\n", "> quote\n", "> -- Someone\n",
     "```py\n", "```\n", "| a | b |\n|---|---|\n", "![](x.png)\n", "![alt](/etc/hostname)\n", "[a](b.md)\n",
     "[r]({{< ref \"x.md\" >}})\n", "{% post_url 2024-01-02-x %}\n", "<div>html</div>\n", "\n", "text\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=1000), st.lists(POST_PIECES, max_size=25).map("".join)))
def test_the_post_reader_raises_only_source_error(text):
    try:
        parse_post(text, Path("/nowhere/2024-01-02-post.md"))
    except SourceError as error:
        assert str(error).startswith("/nowhere/2024-01-02-post.md")
