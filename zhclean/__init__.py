"""zhclean: clean, simplified-Chinese editions from raw Chinese document corpora."""
