"""Presentation: HTML via Jinja2, text for the console, charts as inline SVG. Computes no statistics."""
