"""runlog's own CSV form: one row per run and pain site, in km or mi.

``columns`` holds the columns with their readers, writers and the data
dictionary; ``reader`` turns a file into runs and problems without a
database; ``importer`` puts read runs into the log; ``exporter`` writes the
log out. None of them imports a terminal library, and only ``importer`` and
``exporter`` touch the store, which they are given.
"""
