"""Building a run: discovering raw files, fingerprints for freshness, one file into the build, atomic publishing."""
