from wagtail.api.v2.router import WagtailAPIRouter

from .views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)

urlpatterns = router.get_urlpatterns()
app_name = "wagtailapi"
