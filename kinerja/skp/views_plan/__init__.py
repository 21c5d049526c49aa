"""The employee-facing SKP pages: my plans, one plan, its editor, the list and the versions."""
