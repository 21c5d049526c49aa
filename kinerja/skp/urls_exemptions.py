"""Exemptions from SKP planning."""

urlpatterns: list = []
