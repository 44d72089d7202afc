"""Reading a regulation's text: the formulas that express norms, and importing a text into a regulation folder."""
