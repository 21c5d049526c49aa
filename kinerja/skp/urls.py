"""SKP pages. Each area keeps its own URL module so that they stay small."""

from kinerja.skp import (
    urls_alignment,
    urls_documents,
    urls_exemptions,
    urls_matrix,
    urls_plan,
    urls_review,
)

app_name = "skp"

urlpatterns = [
    *urls_plan.urlpatterns,
    *urls_review.urlpatterns,
    *urls_matrix.urlpatterns,
    *urls_alignment.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_exemptions.urlpatterns,
]
