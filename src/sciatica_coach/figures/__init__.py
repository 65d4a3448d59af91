"""Pictures the adapters share: the body map as SVG. Pure string building, no I/O."""
