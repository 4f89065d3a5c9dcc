"""The hub's editorial roles and its approval workflow, set up the same way by a migration and by tests.

Wagtail's own migrations already create groups called "Editors" and "Moderators" and a "Moderators
approval" workflow, all attached to the tree's root. These functions reuse them (creating whatever
is missing, so running them twice changes nothing) and attach them to the hub's home page:

- Editors: use the admin, add and edit pages, submit them for moderation; never publish.
- Moderators: everything editors do, plus publish, lock and unlock pages.
- Both: add, edit and choose images and documents; add and edit speakers, events and authors
  (snippets), which they create from the chooser while writing a page; add, edit and delete search
  synonyms.
- Every page under the home page goes through the "Moderators approval" workflow.

Written against an app registry (`apps`) so a data migration can pass its historical models.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Model permissions (not per page or collection) both groups get: (app label, model, actions).
MODEL_PERMISSIONS = [
    ("reviews", "speaker", ["add", "change"]),
    ("reviews", "event", ["add", "change"]),
    ("core", "author", ["add", "change"]),
    # The words search treats alike (search.Synonym): editors know how readers write them.
    ("search", "synonym", ["add", "change", "delete"]),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # Permissions are normally made after migrations run; make any that do not exist yet.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def _home_page(apps):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_page if site else None


def ensure_editorial_groups(apps):
    """Create or update the Editors and Moderators groups and the approval workflow (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    home = _home_page(apps)
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for app_label, model, actions in MODEL_PERMISSIONS:
            group.permissions.add(*(_permission(apps, app_label, model, f"{action}_{model}") for action in actions))
        if home is not None:
            # The hub's own pages only, instead of Wagtail's default grant on the whole tree.
            GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=_permission(apps, "wagtailcore", "page", codename)
                )
            # An editor must never publish, whatever an earlier setup granted.
            if name == EDITORS:
                GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
        if root_collection is not None:
            for app_label, model, actions in COLLECTION_PERMISSIONS:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )
    if home is not None:
        ensure_approval_workflow(apps, groups[MODERATORS], home)
    return groups


def ensure_approval_workflow(apps, moderators, page):
    """The 'Moderators approval' workflow, with one task for the Moderators group, assigned to `page`."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    task = GroupApprovalTask.objects.filter(active=True, groups=moderators).order_by("pk").first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, active=True, content_type=content_type)
        task.groups.add(moderators)
    workflow = Workflow.objects.filter(active=True, workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
