"""Our PDF: rendering (Jinja + WeasyPrint) and the input it embeds."""
