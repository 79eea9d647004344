"""File formats runlog reads and writes: one UI-free module (or package) per format."""
