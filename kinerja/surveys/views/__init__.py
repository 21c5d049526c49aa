"""Pages of the survey: one module per area (`public`: the citizen's pages; `setup`: the
unit's services, points, posters and service users)."""
