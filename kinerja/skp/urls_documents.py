"""URLs of the SKP documents pages."""

urlpatterns: list = []
