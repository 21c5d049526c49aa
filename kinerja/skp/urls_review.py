"""URLs of the SKP review pages."""

urlpatterns: list = []
