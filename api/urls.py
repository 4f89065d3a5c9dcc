from django.urls import re_path
from wagtail.api.v2.router import WagtailAPIRouter

from .views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet, not_found

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)

# Last: whatever the endpoints do not match is a JSON 404, not the site's HTML page.
urlpatterns = [*router.get_urlpatterns(), re_path(r"^", not_found)]
app_name = "wagtailapi"
