"""Log-in, tokens, cookies, log-out, passwords, and the audit of log-ins (throttling: test_login_throttle)."""

from __future__ import annotations

from services.intake.tests.conftest import ADMIN_PASSWORD, PASSWORD, IntakeHarness


async def login(intake: IntakeHarness, person_id: str, password: str) -> int:
    response = await intake.client.post(
        "/auth/login", json={"person_id": person_id, "password": password}
    )
    return response.status_code


async def test_login_returns_a_token_the_person_and_an_httponly_cookie(intake: IntakeHarness) -> None:
    response = await intake.client.post(
        "/auth/login", json={"person_id": "officer", "password": PASSWORD}
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["person"] == {"person_id": "officer", "name": "李明", "unit_id": "hs",
                                "roles": ["officer"]}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"xinbao_session={answer['token']}")
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    me = await intake.client.get("/auth/me")  # the cookie alone authenticates
    assert me.json()["person_id"] == "officer"


async def test_every_route_but_login_needs_a_session(intake: IntakeHarness) -> None:
    intake.client.cookies.clear()
    for method, url in (("GET", "/submissions"), ("POST", "/units"), ("GET", "/auth/me"),
                        ("POST", "/submissions/x/screen"), ("GET", "/units/hs")):
        response = await intake.client.request(method, url, json={})
        assert response.status_code == 401, (method, url)
        assert "log in first" in response.json()["detail"]


async def test_a_wrong_password_or_unknown_person_is_refused_alike(intake: IntakeHarness) -> None:
    assert await login(intake, "officer", "wrong-password") == 401
    assert await login(intake, "nobody", "wrong-password") == 401


async def test_a_forged_or_tampered_token_is_refused(intake: IntakeHarness) -> None:
    token = await intake.login("officer")
    head, claims, signature = token.split(".")
    for forged in (f"{head}.{claims}.{signature[:-2]}AA", "xb1.e30.AAAA", "not-a-token"):
        intake.client.cookies.clear()
        response = await intake.client.get("/auth/me", headers={"Authorization": f"Bearer {forged}"})
        assert response.status_code == 401


async def test_logout_revokes_the_token(intake: IntakeHarness) -> None:
    token = await intake.login("officer")
    bearer = {"Authorization": f"Bearer {token}"}
    intake.client.cookies.clear()
    response = await intake.client.post("/auth/logout", headers=bearer)
    assert response.status_code == 204
    assert (await intake.client.get("/auth/me", headers=bearer)).status_code == 401


async def test_logins_and_failures_are_audited_with_the_address(intake: IntakeHarness) -> None:
    await login(intake, "officer", "wrong-password")
    await login(intake, "officer", PASSWORD)
    trail = await intake.ok("GET", "/audit", as_="admin", params={"actor": "officer"})
    actions = [(e["action"], e["origin"]) for e in trail]
    assert ("login-failed", "10.1.2.3") in actions and ("login", "10.1.2.3") in actions


async def test_a_unit_admin_reads_the_audit_of_their_part_of_the_tree_only(intake: IntakeHarness) -> None:
    await login(intake, "city-editor", PASSWORD)
    await login(intake, "officer", PASSWORD)
    trail = await intake.ok("GET", "/audit", as_="county-admin", params={"action": "login"})
    assert {e["actor"] for e in trail} == {"officer", "county-admin"}
    await intake.refused("GET", "/audit", as_="county-editor")


async def test_a_person_changes_their_password_and_an_admin_resets_it(intake: IntakeHarness) -> None:
    await intake.ok("POST", "/auth/password", as_="officer",
                    json={"old_password": PASSWORD, "new_password": "new-password-1"})
    assert await login(intake, "officer", PASSWORD) == 401
    assert await login(intake, "officer", "new-password-1") == 200
    await intake.ok("PUT", "/people/officer/password", as_="county-admin",
                    json={"password": "reset-password-2"})
    assert await login(intake, "officer", "reset-password-2") == 200
    await intake.refused("PUT", "/people/city-editor/password", as_="county-admin",
                         json={"password": "reset-password-3"})


async def test_the_bootstrap_admin_logs_in_with_the_configured_password(intake: IntakeHarness) -> None:
    assert await login(intake, "admin", ADMIN_PASSWORD) == 200
    assert await login(intake, "admin", "xinbao-admin") == 401


async def test_a_new_person_needs_a_password_of_eight_characters(intake: IntakeHarness) -> None:
    person = {"person_id": "new", "name": "新人", "unit_id": "hs", "roles": ["officer"]}
    response = await intake.call("POST", "/people", as_="admin", json=person)
    assert response.status_code == 422
    response = await intake.call("POST", "/people", as_="admin", json={**person, "password": "short"})
    assert response.status_code == 422
    await intake.ok("POST", "/people", as_="admin", json={**person, "password": "long-enough"})
    assert await login(intake, "new", "long-enough") == 200

