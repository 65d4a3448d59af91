"""The HTML pages, one module per part of the journey: screening, body map, plan, session,
journal, and the Learn pages. Each handler parses the form, calls the service layer, renders."""
