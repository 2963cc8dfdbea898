"""Reading the user's documents (txt, md, pdf, docx, html) safely: parsed in a subprocess with time
and memory limits."""
