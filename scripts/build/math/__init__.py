"""Math stage: $…$ / $$…$$ out before Markdown, KaTeX renders once per build, HTML filled in."""
