"""File formats runlog reads and writes, one module or package per format.

Each format is free of any terminal or database: it turns bytes into domain
objects (or domain objects into text) and reports what is wrong with a file
as ``Problem``s (``runlog.formats.problems``), which the command line and
the terminal app show in their own way. Putting what was read into the log
is a separate step that takes the store as a parameter.
"""
