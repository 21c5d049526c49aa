"""REST API v1 of the public satisfaction survey (SKM): one router with every area's
(`public`: the survey of a counter for a kiosk app, no login; `setup`: a unit's services,
points and service users; `results`: results, follow-up actions and published reports)."""

from ninja import Router

from kinerja.surveys.api.public import router as public_router
from kinerja.surveys.api.results import router as results_router
from kinerja.surveys.api.setup import router as setup_router

router = Router(tags=["satisfaction survey (SKM)"])
router.add_router("", public_router)
router.add_router("", setup_router)
router.add_router("", results_router)

__all__ = ["router"]
