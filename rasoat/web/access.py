"""Which served database holds rasoat's tables, and whether a request may read them: what every page of the
plugin (``rasoat.web.plugin``, ``rasoat.web.review``) checks first."""

from __future__ import annotations

from datasette.utils.asgi import NotFound


async def rasoat_database(datasette):
    """The served database that holds rasoat's tables."""
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists("documents"):
            return db
    raise NotFound("Không có cơ sở dữ liệu rasoat (bảng documents) trong máy chủ này.")


async def check_can_view(datasette, request, db, table="documents"):
    """Datasette's view permissions for ``table`` of ``db`` (403 when the actor may not read it)."""
    await datasette.ensure_permissions(
        request.actor, [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"])
