"""arq jobs and worker settings. Each job is a pipeline call plus one repository call, and idempotent."""
