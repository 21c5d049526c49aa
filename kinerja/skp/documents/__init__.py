"""SKP documents: the plan in the regulation's layout as PDF (formats A.1.1, A.1.2, A.1.6, A.1.7
and the annex A.1.8), a unit's recap as Excel, and batches of PDFs in one ZIP."""
