"""Stage 4, explore: the model the window shows, what is visible, filters, search, layout."""
