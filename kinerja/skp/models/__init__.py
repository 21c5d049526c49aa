"""SKP models: plans with their RHK, indicators and behaviour (plan), the batch printing jobs
(documents) and the exemptions from planning (exemptions)."""

from kinerja.skp.models.documents import *  # noqa: F403
from kinerja.skp.models.exemptions import *  # noqa: F403
from kinerja.skp.models.plan import *  # noqa: F403
