"""URLs of the SKP matrix pages."""

urlpatterns: list = []
