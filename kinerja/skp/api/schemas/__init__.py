"""Shapes of the SKP API: `plans` for the plans, their content, workflow, versions and the
exemptions from planning; `cascade` for the matriks peran hasil, the RHK templates and the
alignment lists."""
