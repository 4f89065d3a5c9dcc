import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Make sure the `admin` superuser exists. Its password comes from HUBSITE_ADMIN_PASSWORD, "
        "or is generated and printed once when the account is created. There is no default password."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("HUBSITE_ADMIN_PASSWORD", "")
        user = User.objects.filter(username=USERNAME).first()
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(USERNAME, email="", password=password)
            if generated:
                self.stdout.write(f"Created the admin account. Username: {USERNAME}  Password: {password}")
                self.stdout.write("This password is shown only once; set HUBSITE_ADMIN_PASSWORD to choose your own.")
            else:
                self.stdout.write(
                    f"Created the admin account `{USERNAME}` with the password from HUBSITE_ADMIN_PASSWORD."
                )
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Set the password of `{USERNAME}` from HUBSITE_ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"The admin account `{USERNAME}` exists; its password is unchanged.")
