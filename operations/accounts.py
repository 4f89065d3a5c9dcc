"""The site's `admin` account, made sure of by `ensure_admin`: created once, never with a default password."""

import secrets

from django.contrib.auth import get_user_model

USERNAME = "admin"
CREATED = "created"
RESET = "reset"  # an existing account given the chosen password
UNCHANGED = "unchanged"


def ensure_admin(password=""):
    """Make sure the superuser `admin` exists: (what was done, the password it was created with, or "").

    A new account gets `password`, or a generated one when that is empty; an existing account gets
    `password` when one is given and is otherwise left as it is.
    """
    User = get_user_model()
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        return CREATED, password
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
        return RESET, ""
    return UNCHANGED, ""
