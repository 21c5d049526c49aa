"""The assembled API: the shared plumbing of `kinerja.api` with every app's router.

It lives at the top of the house, beside the URLconf, so that the API plumbing below never
imports the apps that stand on it.
"""

from kinerja.activities.api import router as activities_router
from kinerja.api.api import api
from kinerja.appraisals.api import router as appraisals_router
from kinerja.complaints.api import router as complaints_router
from kinerja.feedback.api import router as feedback_router
from kinerja.forums.api import router as forums_router
from kinerja.iku.api import router as iku_router
from kinerja.org.api import router as org_router
from kinerja.portal.api import router as portal_router
from kinerja.results.api import router as results_router
from kinerja.skp.api import router as skp_router
from kinerja.surveys.api import router as surveys_router

api.add_router("/", org_router)
api.add_router("/", iku_router)
api.add_router("/", skp_router)
api.add_router("/", activities_router)
api.add_router("/", results_router)
api.add_router("/", feedback_router)
api.add_router("/", appraisals_router)
api.add_router("/", forums_router)
api.add_router("/", surveys_router)
api.add_router("/", complaints_router)
api.add_router("/", portal_router)

__all__ = ["api"]
