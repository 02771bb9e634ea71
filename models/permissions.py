"""Permissions (权限): each company's menu tree, linked by pid."""

from common.errors import has_children, invalid, not_found
from common.times import iso, utcnow
from models.db import next_id, unique
from models.scope import is_super


def _company(viewer: dict, company_id: int | None) -> int:
    """The super-admin may name a company; everyone else works in their own."""
    return company_id if company_id and is_super(viewer) else viewer["company_id"]


async def _get(db, viewer: dict, permission_id: int) -> dict:
    query = {"_id": permission_id}
    if not is_super(viewer):
        query["company_id"] = viewer["company_id"]
    permission = await db.permissions.find_one(query)
    if not permission:
        raise not_found("权限ID")
    return permission


UNIQUE = {"path": ("path", "路径"), "title": ("title", "功能名称")}


async def _check_parent(db, company_id: int, pid: int | None, moving: int | None = None) -> None:
    if pid is None:
        return
    if not await db.permissions.find_one({"_id": pid, "company_id": company_id}, {"_id": 1}):
        raise not_found("父级权限ID")
    if moving is None:
        return
    # Walk up from the new parent (in memory, one query): meeting the moved node would make a cycle.
    parents = {p["_id"]: p.get("pid") async for p in db.permissions.find({"company_id": company_id}, {"pid": 1})}
    seen, current = set(), pid
    while current is not None and current not in seen:
        if current == moving:
            raise invalid("pid_id", "不能把权限移到它自己或它的子级下面")
        seen.add(current)
        current = parents.get(current)


async def create(db, viewer: dict, fields: dict, company_id: int | None = None) -> dict:
    company_id = _company(viewer, company_id)
    await _check_parent(db, company_id, fields["pid"])
    permission = {"_id": await next_id(db, "permissions"), "company_id": company_id,
                  "oper_user_id": viewer["_id"], "create_date": utcnow(), **fields}
    with unique(**UNIQUE):
        await db.permissions.insert_one(permission)
    return permission


async def update(db, viewer: dict, permission_id: int, fields: dict) -> None:
    permission = await _get(db, viewer, permission_id)
    await _check_parent(db, permission["company_id"], fields.get("pid"), moving=permission_id)
    with unique(**UNIQUE):
        await db.permissions.update_one({"_id": permission_id}, {"$set": fields})


async def delete(db, viewer: dict, permission_id: int) -> None:
    permission = await _get(db, viewer, permission_id)
    if await db.permissions.find_one({"company_id": permission["company_id"], "pid": permission_id}, {"_id": 1}):
        raise has_children()
    await db.permissions.delete_one({"_id": permission_id})


async def tree(db, viewer: dict, company_id: int | None = None) -> tuple[list, list]:
    """(flat depth-first list, nested tree) ordered by order_num within each parent."""
    rows = await db.permissions.find({"company_id": _company(viewer, company_id)}).sort(
        [("order_num", 1), ("_id", 1)]).to_list()
    users = {u["_id"]: u["username"] async for u in db.users.find(
        {"_id": {"$in": list({r.get("oper_user_id") for r in rows})}}, {"username": 1})} if rows else {}
    return build_tree(rows, users)


def build_tree(rows: list[dict], users: dict) -> tuple[list, list]:
    """Depth first without recursion: a chain of any depth is fine."""
    by_id = {r["_id"]: r for r in rows}
    children: dict = {}
    for row in rows:
        parent = row.get("pid") if row.get("pid") in by_id else None
        children.setdefault(parent, []).append(row)

    def node(row: dict, level: int) -> dict:
        return {
            "id": row["_id"], "path": row["path"], "icon": row.get("icon", ""), "title": row["title"],
            "pid_id": row.get("pid"), "pid__name": by_id[row["pid"]]["title"] if row.get("pid") in by_id else None,
            "order_num": row["order_num"], "create_date": iso(row["create_date"]),
            "component": row.get("component", ""), "oper_user__username": users.get(row.get("oper_user_id")),
            "level": level,
        }

    flat, roots = [], []
    stack = [(row, 1, roots) for row in reversed(children.get(None, []))]
    while stack:
        row, level, siblings = stack.pop()
        item = node(row, level)
        flat.append(item)
        tree_node = {**item, "expand": True, "children": []}
        siblings.append(tree_node)
        stack.extend((child, level + 1, tree_node["children"]) for child in reversed(children.get(row["_id"], [])))
    return flat, roots
