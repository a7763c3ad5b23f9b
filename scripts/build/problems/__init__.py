"""Practice problems: answers and the usual mistakes computed by sympy, checked in the browser."""
