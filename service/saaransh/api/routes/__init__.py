"""HTTP routes: thin, they validate, call the service and shape the answer."""
