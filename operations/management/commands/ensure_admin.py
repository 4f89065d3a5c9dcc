"""ensure_admin: make sure the `admin` superuser exists (the work is `operations.accounts.ensure_admin`)."""

import os

from django.core.management.base import BaseCommand

from operations.accounts import CREATED, RESET, USERNAME, ensure_admin


class Command(BaseCommand):
    help = (
        "Make sure the `admin` superuser exists. Its password comes from HUBSITE_ADMIN_PASSWORD, "
        "or is generated and printed once when the account is created. There is no default password."
    )

    def handle(self, *args, **options):
        chosen = os.environ.get("HUBSITE_ADMIN_PASSWORD", "")
        done, password = ensure_admin(chosen)
        if done == CREATED and not chosen:
            self.stdout.write(f"Created the admin account. Username: {USERNAME}  Password: {password}")
            self.stdout.write("This password is shown only once; set HUBSITE_ADMIN_PASSWORD to choose your own.")
        elif done == CREATED:
            self.stdout.write(f"Created the admin account `{USERNAME}` with the password from HUBSITE_ADMIN_PASSWORD.")
        elif done == RESET:
            self.stdout.write(f"Set the password of `{USERNAME}` from HUBSITE_ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"The admin account `{USERNAME}` exists; its password is unchanged.")
