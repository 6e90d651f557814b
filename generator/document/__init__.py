"""What is printed, format-neutral: the document, its table grids and attachment forms."""
