"""Reading published inspection reports into structured records, and checking them against the rules."""
