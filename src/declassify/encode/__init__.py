"""Writing TEI with lxml: the header, the body, and inline markup from standoff."""
