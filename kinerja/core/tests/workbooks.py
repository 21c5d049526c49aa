"""Reading back what `kinerja.core.spreadsheets` wrote, for the tests of every app."""


def framed_ranges(sheet) -> list[str]:
    """The ranges a `LargeWorkbook.frame` borders: an always-true rule with a thin border."""
    return [
        str(conditional.sqref)
        for conditional in sheet.conditional_formatting
        for rule in conditional.rules
        if rule.type == "expression"
        and rule.formula == ["TRUE"]
        and rule.dxf.border.left.style == "thin"
    ]
