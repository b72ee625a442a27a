"""Reference frameworks (EQF, QF-EHEA, national frameworks), ISCED-F fields, standard sets and alignment checks."""
