"""Wording for amounts typed by people."""

# The examples end each refusal after a semicolon, so the refusal stays one sentence.
EXAMPLE_NL = "voorbeelden die wel werken: 12500, 12.500, € 12.500 of 12.500,00."
EXAMPLE_EN = "examples that work: 12500, 12.500, € 12.500 or 12.500,00."

NL = {
    "amount.empty": "Geef een bedrag op; " + EXAMPLE_NL,
    "amount.malformed": "Ik kan het bedrag '{text}' niet lezen; " + EXAMPLE_NL,
    "amount.ambiguous": "Het bedrag '{text}' is dubbelzinnig (duizendtallen of decimalen?); " + EXAMPLE_NL,
    "amount.too_many_decimals": "Het bedrag '{text}' heeft meer dan twee decimalen; " + EXAMPLE_NL,
    "amount.not_positive": "Het bedrag '{text}' moet groter dan nul zijn; " + EXAMPLE_NL,
    "amount.too_large": "Het bedrag '{text}' is onwaarschijnlijk groot; " + EXAMPLE_NL,
}
EN = {
    "amount.empty": "Please give an amount; " + EXAMPLE_EN,
    "amount.malformed": "I cannot read the amount '{text}'; " + EXAMPLE_EN,
    "amount.ambiguous": "The amount '{text}' is ambiguous (thousands or decimals?); " + EXAMPLE_EN,
    "amount.too_many_decimals": "The amount '{text}' has more than two decimals; " + EXAMPLE_EN,
    "amount.not_positive": "The amount '{text}' must be more than zero; " + EXAMPLE_EN,
    "amount.too_large": "The amount '{text}' is implausibly large; " + EXAMPLE_EN,
}
