"""Role checks on fields: viewer < analyst < steward < admin (graph/model.py Role)."""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.permission import BasePermission
from strawberry.types import Info

from api.errors import Forbidden
from graph.model import Role


class _RequiresRole(BasePermission):
    role: ClassVar[Role]

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if not info.context.viewer.can(self.role):
            # Raised rather than returned so the error carries code FORBIDDEN.
            raise Forbidden(f"This needs the {self.role.value} role or above.")
        return True


class Analyst(_RequiresRole):
    role = Role.ANALYST


class Steward(_RequiresRole):
    role = Role.STEWARD


class Admin(_RequiresRole):
    role = Role.ADMIN
