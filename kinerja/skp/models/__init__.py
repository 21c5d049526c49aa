"""SKP models: plans with their RHK, indicators and behaviour (plan), the batch printing jobs
(documents), the exemptions from planning (exemptions) and the RHK the leader took over
during the year (takeovers)."""

from kinerja.skp.models.documents import *  # noqa: F403
from kinerja.skp.models.exemptions import *  # noqa: F403
from kinerja.skp.models.plan import *  # noqa: F403
from kinerja.skp.models.takeovers import *  # noqa: F403
