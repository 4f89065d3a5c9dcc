import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_ensure_admin_generates_and_prints_a_password_once(monkeypatch, capsys):
    monkeypatch.delenv("HUBSITE_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    printed = capsys.readouterr().out
    password = printed.split("Password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    call_command("ensure_admin")
    assert "Password:" not in capsys.readouterr().out
    user.refresh_from_db()
    assert user.check_password(password)


@pytest.mark.django_db
def test_ensure_admin_uses_the_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("HUBSITE_ADMIN_PASSWORD", "a-long-chosen-passphrase")
    call_command("ensure_admin")
    assert client.login(username="admin", password="a-long-chosen-passphrase")
    assert client.get("/admin/").status_code == 200
