"""Character classes and text predicates that more than one stage needs, defined once (stages may not import each other)."""
