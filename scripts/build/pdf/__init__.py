"""The PDF edition: the built site's chapter pages as one print page, printed by Chromium."""
