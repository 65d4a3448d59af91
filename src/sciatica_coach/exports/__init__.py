"""Files made for people and clinicians: the progress chart and the journal as CSV."""
