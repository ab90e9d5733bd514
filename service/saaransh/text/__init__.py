"""Text hygiene: Unicode normalisation, boilerplate removal, sentences and dates."""
