"""REST API v1 of the public satisfaction survey (SKM): one router with every area's
(`results`: results, follow-up actions and published reports)."""

from ninja import Router

from kinerja.surveys.api.results import router as results_router

router = Router(tags=["satisfaction survey (SKM)"])
router.add_router("", results_router)

__all__ = ["router"]
