"""Who may open the pages of the home app."""


def can_view_team(viewer, team_ids: set[int]) -> bool:
    """The team page: whoever leads someone (posts below theirs, raters of record by plan or by
    delegation), and the pimpinan, who leads those the regional head rates."""
    return viewer.is_authenticated and (
        bool(team_ids) or viewer.is_atasan or viewer.acts_for_regional_head
    )
