"""Document structure: where documents begin and end, and how each opens, heads its fields and closes."""
