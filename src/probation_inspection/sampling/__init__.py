"""Case lists, eligibility windows, sample size, stratified allocation, seeded draws and reserves."""
