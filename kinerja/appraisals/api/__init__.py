"""REST API v1 for the evaluations, scoped exactly like the pages.

Reads go through `selectors` (out of scope: 404); writes call the services, which check
permissions (403) and validate (400 per field). A finalised evaluation changes only through a
keberatan; rating it answers 409.

One module per area: `evaluations` (the list, one evaluation and its steps), `keberatan`,
`periods` (the agency's periods and their opening), `settings` and `credit` (angka kredit).
Their routers are mounted here under one tag.
"""

from ninja import Router

from kinerja.appraisals.api.credit import router as credit_router
from kinerja.appraisals.api.evaluations import router as evaluations_router
from kinerja.appraisals.api.keberatan import router as keberatan_router
from kinerja.appraisals.api.periods import router as periods_router
from kinerja.appraisals.api.settings import router as settings_router

router = Router(tags=["evaluation of employees"])
router.add_router("", evaluations_router)
router.add_router("", keberatan_router)
router.add_router("", periods_router)
router.add_router("", settings_router)
router.add_router("", credit_router)
