"""REST API v1 of the public satisfaction survey: the router that holds every area's
operations (`public`: the survey of a counter for a kiosk app, no login; `setup`: a unit's
services, points and service users)."""

from ninja import Router

from kinerja.surveys.api.public import router as public_router
from kinerja.surveys.api.setup import router as setup_router

router = Router()
router.add_router("/", public_router)
router.add_router("/", setup_router)

__all__ = ["router"]
