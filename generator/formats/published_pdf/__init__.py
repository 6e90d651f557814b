"""Reading published report PDFs: their tables and text."""
