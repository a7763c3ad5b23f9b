"""Claims: every identity a page states is parsed from its own TeX and verified at build time."""
