"""Replace Wagtail's placeholder welcome page with the hub's HomePage as the site root."""

from django.db import migrations
from django.utils import timezone


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    # The welcome page (and the Site pointing at it) come from wagtailcore's initial data.
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="en")
    homepage = HomePage.objects.create(
        title="Learning Hub",
        draft_title="Learning Hub",
        slug="home",
        content_type=content_type,
        locale=locale,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
        has_unpublished_changes=False,
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Learning Hub")
    Page.objects.filter(depth=1).update(numchild=1)


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
