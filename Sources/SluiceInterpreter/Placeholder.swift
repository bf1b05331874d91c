// The execution engine lives here.
