"""Evaluation of employees: the periodic and annual predikat (PermenPANRB 6/2022 Ps 23-25)."""
