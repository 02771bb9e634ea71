"""Who may see what: every tenant query goes through these filters."""

from common.errors import forbidden

ROLE_ADMIN, ROLE_USER, ROLE_BOSS = 1, 2, 3


def is_super(viewer: dict) -> bool:
    return bool(viewer.get("is_super_admin"))


def is_admin(viewer: dict) -> bool:
    return is_super(viewer) or viewer.get("role_id") == ROLE_ADMIN


def require_admin(viewer: dict) -> None:
    if not is_admin(viewer):
        raise forbidden()


def is_boss(viewer: dict) -> bool:
    """Who may read the Boss radar: admins and Boss users."""
    return is_admin(viewer) or viewer.get("role_id") == ROLE_BOSS


def require_boss(viewer: dict) -> None:
    if not is_boss(viewer):
        raise forbidden()


def require_super(viewer: dict) -> None:
    if not is_super(viewer):
        raise forbidden()


def company_filter(viewer: dict) -> dict:
    """The super-admin sees every company; everyone else only their own."""
    return {} if is_super(viewer) else {"company_id": viewer["company_id"]}


def can_see_company(viewer: dict, company_id: int) -> bool:
    return is_super(viewer) or viewer["company_id"] == company_id
