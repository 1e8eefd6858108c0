"""The Register area: delegationsbeslut, meddelanden, ej verkställda beslut and the
delegationsordning, with Excel import and export."""
