"""Files made for people and clinicians: the progress chart, the journal as a ZIP of CSV
tables and as a FHIR R4 bundle, and the other helpers' PDFs and calendars. Each is a plain
function from what the service layer read to bytes."""
