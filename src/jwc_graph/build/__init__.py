"""`jwc build`: provenance, SHACL validation (one finding and report type for every checker), HermiT reasoning,
VoID and statistics, and the pipeline that writes the store and dist/ in one swap."""
