"""Evaluation documents: an evaluation as PDF in the regulation's layouts (formats C.1.1,
C.1.2, C.1.3 with D.1.1 or D.1.2, and the keberatan D.1.3), and a predikat recap as Excel."""
